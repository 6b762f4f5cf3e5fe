using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LexHeller.Core.Data;

/// <summary>Stores a DateTimeOffset as UTC ticks (sortable in SQLite) and reads it back as UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>An instant as PostgreSQL's timestamptz takes it from Npgsql: the same instant, offset zero.</summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());
