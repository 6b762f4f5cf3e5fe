namespace LexHeller.Core.Demo;

/// <summary>
/// The demo's own clock: the seed's commands read it instead of the app's, so a year of activity can be played
/// through in a few seconds. It only moves forward and never past <see cref="Limit"/> (the moment seeding began by
/// the app's clock), so nothing the seed stores lies in the future. The app's clock is never touched.
/// </summary>
internal sealed class SeedClock(DateTimeOffset start, DateTimeOffset limit) : TimeProvider
{
    private DateTimeOffset _now = start;

    public DateTimeOffset Limit { get; } = limit;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void MoveTo(DateTimeOffset at)
    {
        if (at < _now) throw new InvalidOperationException($"The demo clock moves forward only ({at:O} is before {_now:O}).");
        if (at > Limit) throw new InvalidOperationException($"The demo would store a moment in the future ({at:O} is after {Limit:O}).");
        _now = at;
    }
}
