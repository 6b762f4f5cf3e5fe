namespace LexHeller.Web.Setup;

/// <summary>A clock a tester can move forward: only ever registered in Development and in the test host.</summary>
public interface IAdvanceableClock
{
    void Advance(TimeSpan by);
}

/// <summary>The system clock plus an offset that only grows.</summary>
public sealed class AdjustableClock : TimeProvider, IAdvanceableClock
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}

public static class ClockSetup
{
    public static bool ClockControlAllowed(IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment("Testing");

    /// <summary>In Development the app runs on an adjustable clock, so a tester can watch agendas close.</summary>
    public static void AddClock(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            var clock = new AdjustableClock();
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton<IAdvanceableClock>(clock);
        }
        else
        {
            builder.Services.AddSingleton(TimeProvider.System);
        }
    }
}
