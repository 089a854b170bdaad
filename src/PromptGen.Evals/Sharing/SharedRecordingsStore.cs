using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Security;
using StackExchange.Redis;

namespace PromptGen.Evals.Sharing;

/// <summary>Opens the recordings store named by <c>--recordings-store</c> (<c>redis://host:port</c>).</summary>
public static class SharedRecordingsStore
{
    /// <summary>How long connecting to the store may take before the run fails.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connects to <paramref name="url"/> and checks that the store answers, so that an unreachable store fails the run
    /// before any model call instead of silently calling the model for every case.
    /// </summary>
    /// <exception cref="EvalProviderException">The URL is not <c>redis://host:port</c>, or the store does not answer (<see cref="ProviderErrorKind.Configuration"/>).</exception>
    public static async Task<IDistributedCache> ConnectAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || string.IsNullOrEmpty(uri.Host) || (uri.AbsolutePath.Length > 1))
            throw new EvalProviderException(ProviderErrorKind.Configuration, $"The recordings store must be a URL like redis://host:6379, not '{EvalSecrets.Scrub(url)}'.");
        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = true,
            ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds,
            SyncTimeout = (int)ConnectTimeout.TotalMilliseconds,
            AsyncTimeout = (int)ConnectTimeout.TotalMilliseconds,
            ConnectRetry = 1,
        };
        configuration.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // redis://:password@host:port or redis://user:password@host:port; the password is a secret like an API key.
            var parts = Uri.UnescapeDataString(uri.UserInfo).Split(new[] { ':' }, 2);
            if (parts.Length == 2)
            {
                configuration.User = parts[0].Length == 0 ? null : parts[0];
                configuration.Password = parts[1];
                EvalSecrets.Scrubber.AddSecret(parts[1]);
            }
        }
        var display = $"redis://{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port)}";
        var cache = new RedisCache(new RedisCacheOptions { ConfigurationOptions = configuration, InstanceName = string.Empty });
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout + ConnectTimeout);
            await cache.GetAsync("promptgen:recordings:probe", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            cache.Dispose();
            throw new EvalProviderException(ProviderErrorKind.Configuration,
                $"The recordings store {display} could not be reached: {EvalSecrets.Shorten(exception.Message, 300)}", innerException: exception);
        }
        return cache;
    }
}
