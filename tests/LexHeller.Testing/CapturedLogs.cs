using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LexHeller.Testing;

/// <summary>
/// Everything the app logs, at every level, kept in memory so a test can read what an administrator would find in
/// the log — and what must never be there. Add it with <see cref="AddTo"/> when the host is built.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Adds this provider to a host, with no level filtered away.</summary>
    public void AddTo(ILoggingBuilder logging)
    {
        logging.AddProvider(this);
        logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
    }

    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <summary>All lines, with their exceptions, as one text.</summary>
    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}" + (exception is null ? "" : "\n" + exception));
    }
}
