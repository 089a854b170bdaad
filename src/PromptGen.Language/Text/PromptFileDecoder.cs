using PromptGen.Language.Diagnostics;

namespace PromptGen.Language.Text;

/// <summary>
/// Decodes a prompt or eval file from bytes. Invalid UTF-8 never fails the read: the bad bytes become U+FFFD
/// and the first one is reported (PG0005) at its line and column, so the user learns why the text looks wrong.
/// </summary>
public static class PromptFileDecoder
{
    private static readonly Encoding s_lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(byte[] bytes, string path, out IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        var text = s_lenient.GetString(bytes);
        var invalidAt = FindFirstInvalidSequence(bytes);
        if (invalidAt < 0)
        {
            diagnostics = Array.Empty<PromptDiagnostic>();
            return text;
        }

        // The characters before the bad byte decode the same either way, so their count is the offset.
        var offset = s_lenient.GetCharCount(bytes, 0, invalidAt);
        var span = new LineMap(text).GetSpan(offset, Math.Min(offset + 1, text.Length));
        diagnostics = new[]
        {
            new PromptDiagnostic(
                DiagnosticDescriptors.FileIsNotUtf8,
                path,
                span,
                $"The file is not valid UTF-8: byte 0x{bytes[invalidAt]:X2} at byte offset {invalidAt} cannot be decoded and was replaced by U+FFFD. Save the file as UTF-8."),
        };
        return text;
    }

    /// <summary>Byte offset of the first ill-formed UTF-8 sequence, or -1.</summary>
    internal static int FindFirstInvalidSequence(byte[] bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            int length;
            int minimum;
            if (b < 0x80) { i++; continue; }
            if (b >= 0xC2 && b <= 0xDF) { length = 2; minimum = 0x80; }
            else if (b >= 0xE0 && b <= 0xEF) { length = 3; minimum = 0x800; }
            else if (b >= 0xF0 && b <= 0xF4) { length = 4; minimum = 0x10000; }
            else return i;

            if (i + length > bytes.Length) return i;
            var codePoint = b & (0xFF >> (length + 1));
            for (var k = 1; k < length; k++)
            {
                var continuation = bytes[i + k];
                if ((continuation & 0xC0) != 0x80) return i;
                codePoint = (codePoint << 6) | (continuation & 0x3F);
            }

            if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) return i;
            i += length;
        }

        return -1;
    }
}
