using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// Keeps every log entry of a host as the text a sink could see: category, message, each structured value, each
/// scope value and the exception, so a test can search all of it (for a credential that must not be there, say).
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder().Append(category).Append(' ').Append(formatter(state, exception));
            AppendValues(text, state);
            owner.scopes.ForEachScope((scope, builder) => AppendValues(builder.Append(" scope:").Append(scope), scope), text);
            if (exception is not null)
            {
                text.Append(' ').Append(exception);
            }

            var scopeValues = new Dictionary<string, object?>();
            owner.scopes.ForEachScope(
                (scope, values) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            values[key] = value;
                        }
                    }
                },
                scopeValues);
            owner.entries.Enqueue(new CapturedLog(logLevel, category, eventId, formatter(state, exception), text.ToString(), scopeValues));
        }

        private static void AppendValues(StringBuilder text, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    text.Append(' ').Append(key).Append('=').Append(value);
                }
            }
        }
    }
}

/// <param name="Text">Everything about the entry a sink could write, in one string.</param>
public sealed record CapturedLog(LogLevel Level, string Category, EventId EventId, string Message, string Text, IReadOnlyDictionary<string, object?> Scopes);
