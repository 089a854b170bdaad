using Microsoft.Extensions.Logging;
using PromptGen.Security;

namespace PromptGen.Telemetry;

/// <summary>
/// How generated prompt calls report themselves beyond the always-available span and metrics: where log events go,
/// and whether prompt content may be put on spans. Set process-wide on <see cref="PromptGenTelemetry.DefaultOptions"/>
/// or per call on <see cref="PromptRunOptions.Telemetry"/>.
/// </summary>
public sealed class PromptTelemetryOptions
{
    /// <summary>The environment variable OpenTelemetry's GenAI instrumentations read to capture message content.</summary>
    public const string CaptureContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    private ILoggerFactory? _loggerFactory;
    private ILogger? _logger;

    /// <summary>
    /// Creates options whose <see cref="EnableSensitiveData"/> follows the
    /// <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c> environment variable (off unless it is <c>true</c>).
    /// </summary>
    public PromptTelemetryOptions()
    {
        EnableSensitiveData = string.Equals(Environment.GetEnvironmentVariable(CaptureContentVariable), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Where repairs and failed parses are logged (category <see cref="PromptGenTelemetry.LoggerCategory"/>); null
    /// (the default) logs nothing.
    /// </summary>
    public ILoggerFactory? LoggerFactory
    {
        get => _loggerFactory;
        set
        {
            _loggerFactory = value;
            _logger = null;
        }
    }

    /// <summary>
    /// Puts the rendered messages and the model's answers on the span (<c>gen_ai.input.messages</c>,
    /// <c>gen_ai.output.messages</c>), after <see cref="Scrubber"/> has removed secrets. Off by default: prompt
    /// content often holds personal data. Like Microsoft.Extensions.AI's <c>EnableSensitiveData</c>.
    /// </summary>
    public bool EnableSensitiveData { get; set; }

    /// <summary>
    /// Removes secrets from content before it goes on a span. Null (the default) uses a scrubber that knows the
    /// process's secret-looking environment variables (API keys, tokens, passwords) and credential-shaped text.
    /// </summary>
    public SecretScrubber? Scrubber { get; set; }

    internal ILogger? Logger
    {
        get
        {
            var factory = _loggerFactory;
            if (factory is null) return null;
            return _logger ??= factory.CreateLogger(PromptGenTelemetry.LoggerCategory);
        }
    }

    internal SecretScrubber ScrubberOrDefault => Scrubber ?? DefaultScrubber.Instance;

    /// <summary>Built on first use only: reading the environment is not free, and most processes never need it.</summary>
    private static class DefaultScrubber
    {
        public static readonly SecretScrubber Instance = Create();

        private static SecretScrubber Create()
        {
            var scrubber = new SecretScrubber();
            scrubber.AddSecretsFromEnvironment();
            return scrubber;
        }
    }
}
