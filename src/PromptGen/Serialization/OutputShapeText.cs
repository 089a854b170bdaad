namespace PromptGen.Serialization;

/// <summary>
/// Reads the one-line description of an <see cref="OutputShape"/> that generated code passes to
/// <see cref="PromptOutputParser{T}"/>, in the form <see cref="OutputShape.ToString"/> writes, so a prompt's shape costs
/// one line of generated code instead of one line per property.
/// </summary>
/// <remarks>
/// <code>
/// shape    = (scalar | "enum(" name ("|" name)* ")" | "array&lt;" shape "&gt;" | "map&lt;" shape "&gt;"
///             | "object{" [property (", " property)*] "}") ["?"]
/// scalar   = "string" | "integer" | "number" | "boolean" | "any"
/// property = name ["?"] ": " shape          ("?" after the name: not required; after a shape: nullable)
/// name     = plain | '"' (char | '\"' | '\\')* '"'   (plain: one or more characters, none of them in Reserved)
/// </code>
/// Property names and enum values are written as they are (as <see cref="OutputShape.ToString"/> writes them) unless
/// they are empty or hold a character of <see cref="Reserved"/>; those are quoted.
/// </remarks>
internal static class OutputShapeText
{
    /// <summary>Characters the description's syntax uses: a name or enum value holding one of them is quoted.</summary>
    internal const string Reserved = "|(){}<>,:? \"\\";

    /// <summary>Builds the shape a description stands for.</summary>
    /// <param name="text">The description.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a description of a shape.</exception>
    public static OutputShape Parse(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var position = 0;
        var shape = ReadShape(text, ref position);
        if (position != text.Length) throw Invalid(text, position);
        return shape;
    }

    private static OutputShape ReadShape(string text, ref int position)
    {
        OutputShape shape;
        if (Accept(text, ref position, "enum("))
        {
            var values = new List<string>();
            do values.Add(ReadName(text, ref position));
            while (Accept(text, ref position, "|"));
            Expect(text, ref position, ")");
            shape = OutputShape.Enum(values.ToArray());
        }
        else if (Accept(text, ref position, "array<"))
        {
            shape = OutputShape.Array(ReadShape(text, ref position));
            Expect(text, ref position, ">");
        }
        else if (Accept(text, ref position, "map<"))
        {
            shape = OutputShape.Map(ReadShape(text, ref position));
            Expect(text, ref position, ">");
        }
        else if (Accept(text, ref position, "object{"))
        {
            var properties = new List<OutputProperty>();
            if (!Accept(text, ref position, "}"))
            {
                do properties.Add(ReadProperty(text, ref position));
                while (Accept(text, ref position, ", "));
                Expect(text, ref position, "}");
            }

            shape = OutputShape.Object(properties);
        }
        else if (Accept(text, ref position, "string")) shape = OutputShape.String;
        else if (Accept(text, ref position, "integer")) shape = OutputShape.Integer;
        else if (Accept(text, ref position, "number")) shape = OutputShape.Number;
        else if (Accept(text, ref position, "boolean")) shape = OutputShape.Boolean;
        else if (Accept(text, ref position, "any")) return OutputShape.Any;
        else throw Invalid(text, position);

        return Accept(text, ref position, "?") ? shape.AsNullable() : shape;
    }

    private static OutputProperty ReadProperty(string text, ref int position)
    {
        var name = ReadName(text, ref position);
        var required = !Accept(text, ref position, "?");
        Expect(text, ref position, ": ");
        return new OutputProperty(name, ReadShape(text, ref position), required);
    }

    private static string ReadName(string text, ref int position)
    {
        if (Accept(text, ref position, "\"")) return ReadQuotedName(text, ref position);
        var start = position;
        while (position < text.Length && Reserved.IndexOf(text[position]) < 0) position++;
        if (position == start) throw Invalid(text, position);
        return text.Substring(start, position - start);
    }

    private static string ReadQuotedName(string text, ref int position)
    {
        var name = new StringBuilder();
        while (position < text.Length && text[position] != '"')
        {
            if (text[position] == '\\')
            {
                position++;
                if (position == text.Length || (text[position] != '"' && text[position] != '\\')) throw Invalid(text, position);
            }

            name.Append(text[position++]);
        }

        Expect(text, ref position, "\"");
        return name.ToString();
    }

    private static bool Accept(string text, ref int position, string token)
    {
        if (string.CompareOrdinal(text, position, token, 0, token.Length) != 0) return false;
        position += token.Length;
        return true;
    }

    private static void Expect(string text, ref int position, string token)
    {
        if (!Accept(text, ref position, token)) throw Invalid(text, position);
    }

    private static FormatException Invalid(string text, int position) =>
        new($"Not an output shape description at character {position + 1}: {text}");
}
