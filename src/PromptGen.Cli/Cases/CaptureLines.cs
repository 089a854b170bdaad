namespace PromptGen.Cli.Cases;

/// <summary>
/// The lines of a capture file as <see cref="StreamReader.ReadLine"/> splits them (<c>\n</c>, <c>\r\n</c> or <c>\r</c>),
/// each at most <see cref="MaxLineChars"/> long: a longer line (no capture record is anywhere near it; a file such as
/// <c>/dev/zero</c> is one endless line) ends the file with a warning instead of growing a string until the process fails.
/// </summary>
internal static class CaptureLines
{
    /// <summary>The longest line read: 64 Mi characters.</summary>
    public const int MaxLineChars = 64 * 1024 * 1024;

    public static IEnumerable<(int Number, string Text)> Read(string file, List<string> warnings, int maxLineChars = MaxLineChars)
    {
        using var reader = new StreamReader(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
        var line = new StringBuilder();
        var buffer = new char[8192];
        var number = 0;
        var afterCarriageReturn = false;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (c != '\n' && c != '\r')
                {
                    afterCarriageReturn = false;
                    continue;
                }

                if (c == '\n' && afterCarriageReturn)
                {
                    // The \n of a \r\n: its line ended at the \r.
                    afterCarriageReturn = false;
                    start = i + 1;
                    continue;
                }

                line.Append(buffer, start, i - start);
                if (line.Length > maxLineChars) break;
                yield return (++number, line.ToString());
                line.Clear();
                afterCarriageReturn = c == '\r';
                start = i + 1;
            }

            if (line.Length > maxLineChars || line.Length + (read - start) > maxLineChars)
            {
                warnings.Add($"{file}({number + 1},1): warning: the line is longer than {maxLineChars / (1024 * 1024)} Mi characters, more than any capture record; the rest of the file is skipped");
                yield break;
            }

            line.Append(buffer, start, read - start);
        }

        if (line.Length > 0) yield return (++number, line.ToString());
    }
}
