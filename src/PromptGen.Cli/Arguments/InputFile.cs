using System.Security;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;

namespace PromptGen.Cli.Arguments;

/// <summary>Reads a file named on the command line; a missing or unreadable file is a usage error.</summary>
internal static class InputFile
{
    // No BOM stripping: a byte order mark is content the checker reports on (PG0004).
    private static readonly Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string ReadText(string path, string? argument = null) => s_utf8.GetString(ReadBytes(path, argument));

    /// <summary>
    /// The text of the file an <c>@path</c> option value names; <c>null</c> when <paramref name="argument"/> does not
    /// start with <c>@</c> (the value is then the text itself).
    /// </summary>
    public static string? ReadAtFile(string option, string argument)
    {
        if (!argument.StartsWith("@", StringComparison.Ordinal)) return null;
        var path = argument.Substring(1);
        if (path.Length == 0) throw new UsageException($"{option} '@' must be followed by a file path");
        return ReadText(path, option);
    }

    /// <summary>Reads a prompt file; bytes that are not UTF-8 are reported (PG0005) instead of silently replaced.</summary>
    public static string ReadPromptFile(string path, out IReadOnlyList<PromptDiagnostic> diagnostics) =>
        PromptFileDecoder.Decode(ReadBytes(path, argument: null), path, out diagnostics);

    /// <summary>Runs <paramref name="read"/>, turning a file that cannot be read into a usage error naming <paramref name="path"/>.</summary>
    public static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException)
        {
            throw new UsageException($"cannot read '{path}': {Reason(exception)}");
        }
    }

    private static byte[] ReadBytes(string path, string? argument)
    {
        var prefix = argument is null ? string.Empty : argument + ": ";
        if (Directory.Exists(path)) throw new UsageException($"{prefix}'{path}' is a directory, not a file");
        try
        {
            return BoundedFile.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SecurityException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{prefix}cannot read '{path}': {Reason(exception)}");
        }
    }

    /// <summary>Why a file named on the command line could not be read or written, in a few words.</summary>
    internal static string Reason(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "access denied",
        _ => exception.Message, // FileTooLargeException: "it is larger than 64 MiB, ..."
    };
}
