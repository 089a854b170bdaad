namespace PromptGen.Cli.Arguments;

/// <summary>
/// Parses a verb's arguments: <c>--name value</c>, <c>--name=value</c>, flags, positionals, and <c>--</c>
/// to end the options. Anything unexpected is a <see cref="UsageException"/> that names the argument.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(VerbSpec verb, IReadOnlyList<string> args)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        var help = false;
        var optionsEnded = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg == "-" || !arg.StartsWith("-", System.StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (arg is "-h" or "--help" or "-?")
            {
                help = true;
                continue;
            }

            var name = arg;
            string? inlineValue = null;
            var equals = arg.IndexOf('=');
            if (arg.StartsWith("--", System.StringComparison.Ordinal) && equals > 2)
            {
                name = arg.Substring(0, equals);
                inlineValue = arg.Substring(equals + 1);
            }

            var option = verb.FindOption(name)
                ?? throw new UsageException($"unknown option '{name}' for '{verb.Name}'");

            if (!option.TakesValue)
            {
                if (inlineValue is not null) throw new UsageException($"option '{name}' takes no value");
                flags.Add(name);
                continue;
            }

            if (values.ContainsKey(name)) throw new UsageException($"option '{name}' is given more than once");
            if (inlineValue is null)
            {
                // "--input --context x" is a forgotten value, not the JSON text "--context".
                if (i + 1 >= args.Count || verb.FindOption(args[i + 1]) is not null || args[i + 1] is "--help" or "-h")
                {
                    throw new UsageException($"option '{name}' needs a value: {option.Synopsis}");
                }

                inlineValue = args[++i];
            }

            values[name] = inlineValue;
        }

        if (!help)
        {
            var expected = verb.Positionals;
            if (positionals.Count < expected.Minimum)
            {
                throw new UsageException($"'{verb.Name}' needs {expected.Synopsis}");
            }

            if (positionals.Count > expected.Maximum)
            {
                throw new UsageException($"unexpected argument '{positionals[expected.Maximum]}' for '{verb.Name}'");
            }

            if (expected.Command is { } command && positionals[0] != command)
            {
                throw new UsageException($"unknown '{verb.Name}' command '{positionals[0]}'; the command is '{command}'");
            }
        }

        return new ParsedArguments(positionals, values, flags, help);
    }
}
