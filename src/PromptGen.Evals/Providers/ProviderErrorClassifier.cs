using System.ClientModel;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Providers;

/// <summary>Classifies exceptions from model clients (the OpenAI SDK, or any <c>IChatClient</c>) for retries and PG1004.</summary>
public static class ProviderErrorClassifier
{
    private const int MaxDetailLength = 300;

    /// <summary>Classifies <paramref name="exception"/>; <paramref name="timedOut"/> says the per-call timeout fired.</summary>
    public static ProviderFailure Classify(Exception exception, bool timedOut = false, DateTimeOffset? now = null)
    {
        if (timedOut && exception is OperationCanceledException)
            return new ProviderFailure(ProviderErrorKind.Timeout, null, false, null, "the call timed out");
        switch (exception)
        {
            case EvalProviderException provider:
                return new ProviderFailure(provider.Kind, provider.StatusCode, false, null, provider.Message);
            case ClientResultException result when result.Status > 0:
                return FromStatus(result.Status, RetryAfter(result, now ?? DateTimeOffset.UtcNow), result.Message);
            case ClientResultException result when result.InnerException is not null:
                return Classify(result.InnerException, timedOut, now);
            case ClientResultException result:
                return new ProviderFailure(ProviderErrorKind.Network, null, true, null, Shorten(result.Message));
            case HttpRequestException http when http.StatusCode is { } status:
                return FromStatus((int)status, null, http.Message);
            case HttpRequestException http:
                return new ProviderFailure(ProviderErrorKind.Network, null, true, null, Shorten(http.Message));
            case IOException or SocketException:
                return new ProviderFailure(ProviderErrorKind.Network, null, true, null, Shorten(exception.Message));
            case OperationCanceledException:
                // Cancelled without our timeout or the caller asking: the transport gave up (its own timeout).
                return new ProviderFailure(ProviderErrorKind.Timeout, null, false, null, "the transport timed out");
            case JsonException or FormatException or InvalidDataException or ArgumentException or InvalidOperationException or NullReferenceException
                or System.Collections.Generic.KeyNotFoundException:
                return new ProviderFailure(ProviderErrorKind.MalformedResponse, null, false, null,
                    "the response could not be read: " + Shorten(exception.Message));
            default:
                return new ProviderFailure(ProviderErrorKind.Other, null, false, null, exception.GetType().Name + ": " + Shorten(exception.Message));
        }
    }

    /// <summary>Whether an HTTP status is worth another attempt: 408, 429 and every 5xx.</summary>
    public static bool IsRetryableStatus(int status) => status is 408 or 429 || (status >= 500 && status <= 599);

    /// <summary>
    /// Parses a <c>Retry-After</c> value: delay-seconds or an HTTP-date (relative to <paramref name="now"/>).
    /// Returns <c>null</c> when it is neither; a date in the past is a zero wait.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value!.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ||
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static ProviderFailure FromStatus(int status, TimeSpan? retryAfter, string message) =>
        new(ProviderErrorKind.HttpStatus, status, IsRetryableStatus(status), retryAfter, $"HTTP {status}: {Shorten(message)}");

    private static TimeSpan? RetryAfter(ClientResultException exception, DateTimeOffset now)
    {
        var headers = exception.GetRawResponse()?.Headers;
        if (headers is null)
            return null;
        // OpenAI-style millisecond hint first: it is more precise than Retry-After.
        if (headers.TryGetValue("retry-after-ms", out var milliseconds) &&
            double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && ms < int.MaxValue)
            return TimeSpan.FromMilliseconds(ms);
        return headers.TryGetValue("Retry-After", out var value) ? ParseRetryAfter(value, now) : null;
    }

    private static string Shorten(string message)
    {
        // Scrubbed whole before it is cut: provider errors can echo the request's headers.
        return EvalSecrets.Shorten(message.Replace("\r", " ").Replace("\n", " ").Trim(), MaxDetailLength);
    }
}
