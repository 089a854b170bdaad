namespace PromptGen.Language.Values;

/// <summary>
/// JSON's one-character escapes (<c>\" \\ \/ \b \f \n \r \t</c>), for every reader of JSON strings: the strict reader,
/// the lenient parser of model output and the streaming reader. Each decides for itself what other escapes mean.
/// </summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
static class JsonEscapes
{
    /// <summary>The character <c>\</c><paramref name="escape"/> stands for, when it is one of JSON's one-character escapes.</summary>
    public static bool TryDecodeSimple(char escape, out char decoded)
    {
        decoded = escape switch
        {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => '\0',
        };
        return decoded != '\0';
    }
}
