using PromptGen.Language.Values;

namespace PromptGen.Cli.Arguments;

/// <summary>Reads an option whose value is JSON text or <c>@path</c> to a JSON file.</summary>
internal static class JsonArgument
{
    public static PromptValue Read(string option, string argument)
    {
        var fromFile = InputFile.ReadAtFile(option, argument);
        var text = fromFile ?? argument;
        var origin = fromFile is null ? option : $"{option} file '{argument.Substring(1)}'";

        try
        {
            return PromptJson.Parse(text);
        }
        catch (PromptJsonException exception)
        {
            throw new UsageException(
                $"{origin} is not valid JSON: {exception.Reason} at line {exception.Line}, column {exception.Column}");
        }
    }

    /// <summary>Reads a JSON option and requires an object, as <c>--input</c> and <c>--context</c> do.</summary>
    public static PromptValue ReadObject(string option, string argument)
    {
        var value = Read(option, argument);
        if (value.Kind != PromptValueKind.Object)
        {
            throw new UsageException($"{option} must be a JSON object, not {Describe(value)}");
        }

        return value;
    }

    /// <summary>The JSON object <paramref name="option"/> gives, or <c>null</c> when the option is not given.</summary>
    public static PromptValue? ReadObject(ParsedArguments arguments, OptionSpec option) =>
        arguments.GetValue(option) is { } argument ? ReadObject(option.Name, argument) : null;

    public static string Describe(PromptValue value) => value.Kind switch
    {
        PromptValueKind.Null => "null",
        PromptValueKind.Boolean => "a boolean",
        PromptValueKind.Number => "a number",
        PromptValueKind.String => "a string",
        PromptValueKind.Array => "an array",
        _ => "an object",
    };
}
