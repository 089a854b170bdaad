using PromptGen.Cli.Arguments;
using PromptGen.Cli.Files;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Verbs;

/// <summary><c>promptgen render</c>: the rendered prompt as the reference runtime's JSON shape.</summary>
internal sealed class RenderVerb : PromptFileVerb
{
    private static readonly OptionSpec InputOption = new("--input", "json|@file", "The input variables, a JSON object (default {}; frontmatter input.default fills gaps).");
    private static readonly OptionSpec ContextOption = new("--context", "json|@file", "Context data, a JSON object; each key is available as an @variable (e.g. @state).");
    private static readonly OptionSpec HistoryOption = new("--history", "json|@file", "Earlier messages, a JSON array of {role, content:[{text}]} used by {{history}}.");
    private static readonly OptionSpec PartialsOption = new("--partials", "dir", "Folder of _name.prompt partials, subfolders included (default: the partials of the prompt's project, as the build finds them).");

    public override VerbSpec Spec { get; } = PromptFileSpec(
        "render",
        "Render a prompt and print it as JSON (metadata plus messages).",
        "Renders a .prompt file and prints the result as JSON with the keys of the Dotprompt reference runtime's\n" +
        "rendered prompt: the resolved metadata (model, config, ext, output with its schema as JSON Schema, raw, ...)\n" +
        "plus \"messages\". JSON values are given inline or as @path to a file. Errors in the prompt are printed\n" +
        "to stderr as  path(line,col): error ID: message  and the exit code is 1.",
        InputOption,
        ContextOption,
        HistoryOption,
        PartialsOption);

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var path = arguments.Positionals[0];
        var partialsFolder = arguments.GetValue(PartialsOption);
        if (partialsFolder is not null && !Directory.Exists(partialsFolder))
        {
            throw new UsageException($"{PartialsOption}: no such directory '{partialsFolder}'");
        }

        EnsureReadable(path);
        var input = JsonArgument.ReadObject(arguments, InputOption) ?? PromptValue.EmptyObject();
        var context = JsonArgument.ReadObject(arguments, ContextOption);
        var history = ReadHistory(arguments.GetValue(HistoryOption));

        // The build's view of the prompt: its project's partials, or an explicit folder of partials.
        var semantics = partialsFolder is null
            ? Compile(path)
            : InputFile.Guard(path, () => PromptCompiler.Analyze(PromptCompiler.Parse(path, ProjectFiles.ReadText(Path.GetFullPath(path))), PartialCatalog.FromDirectory(partialsFolder)));

        // Check first: a prompt with errors is reported, not rendered into something misleading.
        if (ReportErrors(stderr, semantics.Diagnostics)) return CommandLine.ErrorsFound;

        var data = new RenderData { Input = input, Context = context, Messages = history };
        RenderedPrompt rendered;
        try
        {
            rendered = PromptRenderer.Render(semantics, data);
        }
        catch (TemplateRenderException exception)
        {
            // Where the reference runtime would throw at render time and the checker found nothing to say.
            stderr.Write($"{exception.Path}({exception.Span.StartLine},{exception.Span.StartColumn}): error: {exception.Message}\n");
            return 1;
        }

        stdout.Write(PromptJson.Serialize(rendered.ToValue(), indent: 2));
        stdout.Write('\n');
        return 0;
    }

    private static IReadOnlyList<PromptMessage>? ReadHistory(string? argument)
    {
        if (argument is null) return null;
        var value = JsonArgument.Read(HistoryOption.Name, argument);
        if (value.Kind != PromptValueKind.Array)
        {
            throw new UsageException($"{HistoryOption} must be a JSON array of messages, not {JsonArgument.Describe(value)}");
        }

        var messages = new List<PromptMessage>();
        for (var i = 0; i < value.Items.Count; i++)
        {
            var item = value.Items[i];
            if (item.Kind != PromptValueKind.Object || item["role"] is not { Kind: PromptValueKind.String })
            {
                throw new UsageException($"{HistoryOption} item {i} must be an object with a string \"role\" and a \"content\" array");
            }

            try
            {
                messages.Add(PromptMessage.FromValue(item));
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new UsageException($"{HistoryOption} item {i} is not a valid message: {exception.Message}");
            }
        }

        return messages;
    }
}
