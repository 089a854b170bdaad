namespace PromptGen;

/// <summary>
/// Message formats for repairs and errors. The parser records a format and its arguments; the text is built only when
/// a caller reads <see cref="PromptRepair.Message"/> (most callers never do), so parsing allocates no message strings.
/// </summary>
internal static class RepairMessages
{
    public static readonly Func<object?, object?, string> Literal = static (text, _) => (string)text!;

    // Syntax (LooseJsonParser): arguments are keys and tokens as strings.
    public static readonly Func<object?, object?, string> EndedAfterKey = static (key, _) => $"output ended after key '{key}'; dropped it";
    public static readonly Func<object?, object?, string> EndedBeforeValue = static (key, _) => $"output ended before the value of '{key}'; dropped it";
    public static readonly Func<object?, object?, string> KeyWithoutValue = static (key, _) => $"dropped key '{key}' without a value";
    public static readonly Func<object?, object?, string> MissingColonAfterKey = static (key, _) => $"inserted a missing ':' after key '{key}'";
    public static readonly Func<object?, object?, string> SkippedBeforeValue = static (key, _) => $"skipped characters where the value of '{key}' was expected";
    public static readonly Func<object?, object?, string> LiteralAs = static (token, value) => $"read {token} as {value}";
    public static readonly Func<object?, object?, string> NumberAs = static (token, number) => $"read '{token}' as {number}";

    // Coercion (ShapeAligner): LooseNode arguments are described lazily too.
    public static readonly Func<object?, object?, string> NumberAsString = static (node, _) => $"used the number {Text(node)} as a string";
    public static readonly Func<object?, object?, string> StringAsNumber = static (node, _) => $"read the string \"{Short(Text(node))}\" as a number";
    public static readonly Func<object?, object?, string> StringAsTheNumber = static (node, number) => $"read the string \"{Short(Text(node))}\" as the number {number}";
    public static readonly Func<object?, object?, string> FormattedNumber = static (node, number) => $"read \"{Short(Text(node))}\" as the number {number}";
    public static readonly Func<object?, object?, string> ExpectedInteger = static (number, _) => $"expected an integer, got {number}";
    public static readonly Func<object?, object?, string> FloatAsInteger = static (number, exact) => $"read {number} as the integer {exact}";
    public static readonly Func<object?, object?, string> BooleanFrom = static (node, value) => $"read {((LooseNode)node!).Describe()} as {value}";
    public static readonly Func<object?, object?, string> EnumValue = static (text, value) => $"read \"{Short((string?)text)}\" as enum value \"{value}\"";
    public static readonly Func<object?, object?, string> EnumAmbiguous = static (text, values) => $"\"{Short((string?)text)}\" is ambiguous between enum values {values}";
    public static readonly Func<object?, object?, string> EnumUnknown = static (text, shape) => $"\"{Short((string?)text)}\" is not one of {string.Join(", ", ((OutputShape)shape!).EnumValues)}";
    public static readonly Func<object?, object?, string> WrapperObject = static (key, _) => $"removed the wrapper object \"{Short((string?)key)}\"";
    public static readonly Func<object?, object?, string> KeyAs = static (key, name) => $"read key \"{Short((string?)key)}\" as \"{name}\"";
    public static readonly Func<object?, object?, string> OptionalMissing = static (name, _) => $"optional property '{name}' is missing; wrote null";
    public static readonly Func<object?, object?, string> RequiredMissing = static (name, _) => $"missing required property '{name}'";
    public static readonly Func<object?, object?, string> UnknownDropped = static (key, _) => $"dropped unknown property '{Short((string?)key)}'";
    public static readonly Func<object?, object?, string> DuplicateKeptLast = static (key, _) => $"property '{Short((string?)key)}' appears again later; kept the last value";
    public static readonly Func<object?, object?, string> DuplicateKeptFirst = static (key, _) => $"property '{Short((string?)key)}' repeated; kept the first value";
    public static readonly Func<object?, object?, string> Mismatch = static (shape, node) => $"expected {((OutputShape)shape!).KindName}, got {((LooseNode)node!).Describe()}";
    public static readonly Func<object?, object?, string> NullMismatch = static (shape, _) => $"expected {((OutputShape)shape!).KindName}, got null";

    public static string Short(string? text)
    {
        text ??= string.Empty;
        return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }

    private static string? Text(object? node) => ((LooseNode)node!).Text;
}
