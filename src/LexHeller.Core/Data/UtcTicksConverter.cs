using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LexHeller.Core.Data;

/// <summary>Stores a DateTimeOffset as UTC ticks (sortable in SQLite) and reads it back as UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
