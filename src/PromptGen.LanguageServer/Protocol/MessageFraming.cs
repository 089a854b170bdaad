using System.Globalization;
using System.Text.Json.Nodes;

namespace PromptGen.LanguageServer.Protocol;

/// <summary>
/// The base protocol of LSP: each message is a <c>Content-Length</c> header block followed by that many bytes of UTF-8
/// JSON. Reads from one stream and writes to another; writes are serialized so concurrent publishers never interleave.
/// </summary>
internal sealed class MessageFraming(Stream input, Stream output)
{
    private const int MaxHeaderBytes = 8 * 1024;
    private const int MaxContentBytes = 64 * 1024 * 1024;

    private readonly Stream _input = input;
    private readonly Stream _output = output;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>The next message, or null at the end of the stream. Throws <see cref="InvalidDataException"/> for a malformed frame.</summary>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var contentLength = -1;
        var header = new StringBuilder();
        var headerBytes = 0;
        var single = new byte[1];
        while (true)
        {
            var read = await _input.ReadAsync(single.AsMemory(0, 1), cancellationToken).ConfigureAwait(false);
            if (read == 0) return null;
            if (++headerBytes > MaxHeaderBytes) throw new InvalidDataException("LSP header is longer than 8 KB.");
            var c = (char)single[0];
            if (c != '\n')
            {
                if (c != '\r') header.Append(c);
                continue;
            }

            var line = header.ToString();
            header.Clear();
            if (line.Length == 0)
            {
                if (contentLength >= 0) break;
                continue; // tolerate blank lines between messages
            }

            var colon = line.IndexOf(':');
            if (colon > 0 && line.Substring(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(line.Substring(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out contentLength)
                    || contentLength > MaxContentBytes)
                {
                    throw new InvalidDataException($"Invalid Content-Length header: '{line}'.");
                }
            }
        }

        var buffer = new byte[contentLength];
        var offset = 0;
        while (offset < contentLength)
        {
            var read = await _input.ReadAsync(buffer.AsMemory(offset, contentLength - offset), cancellationToken).ConfigureAwait(false);
            if (read == 0) return null;
            offset += read;
        }

        return Encoding.UTF8.GetString(buffer);
    }

    public async Task WriteAsync(JsonNode message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
