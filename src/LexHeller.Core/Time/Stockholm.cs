using System.Globalization;

namespace LexHeller.Core.Time;

/// <summary>Everything a user sees or counts in days is in Europe/Stockholm; storage is UTC.</summary>
public static class Stockholm
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>Orders names as a Swedish reader expects: å, ä and ö come after z.</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(Culture, false);

    /// <summary>Matches names a user typed against stored ones: "Härryda" and "HÄRRYDA" are one.</summary>
    public static readonly StringComparer IgnoreCase = StringComparer.Create(Culture, true);

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>The UTC instant of a Stockholm wall-clock time on a Stockholm day.</summary>
    public static DateTimeOffset ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly Today(DateTimeOffset utc) => DateOnly.FromDateTime(ToLocal(utc).DateTime);

    public static string Format(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", Culture);

    public static string FormatDate(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd", Culture);

    /// <summary>Names as a Swedish list: "A", "A och B", "A, B och C".</summary>
    public static string JoinNames(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list[..^1]) + " och " + list[^1];
    }
}
