namespace PromptGen;

/// <summary>
/// Parses model text into a value; the shape of a generated <c>TryParse</c> method. Must not throw.
/// </summary>
public delegate bool PromptOutputReader<T>(string modelText, out T? value, out PromptParseReport report);
