using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Catalog;
using PromptGen.Cli.Arguments;
using PromptGen.Cli.Files;
using PromptGen.Cli.Output;
using PromptGen.Evals.Files;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;
using PromptGen.Evals.Security;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;
using PromptGen.Streaming;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// <c>promptgen run</c>: calls the configured model with a prompt of the built project (its generated render, options
/// and parser), streams the answer to standard error as it arrives, then prints the typed result, repairs and usage as
/// JSON on standard output. <c>--save-case</c> turns the call into an eval case with its recording.
/// </summary>
internal sealed class RunVerb : PromptFileVerb
{
    private static readonly OptionSpec InputOption = new("--input", "json|@file", "The input, a JSON object with the input schema's wire names (default {}).");
    private static readonly OptionSpec AssemblyOption = new("--assembly", "file", "The built assembly with the prompt catalog (default: found under the project's bin folder).");
    private static readonly OptionSpec ModelOption = new("--model", "name", "Model (default PROMPTGEN_MODEL).");
    private static readonly OptionSpec SaveCaseOption = new("--save-case", "id", "Append the input as a case with this id to the prompt's eval file and the answer to its recordings.");
    private static readonly OptionSpec ReaskOption = new("--reask", null, "When the answer cannot be parsed, ask the model once more, naming the error (reported as a second attempt).");

    public override VerbSpec Spec { get; } = PromptFileSpec(
        "run",
        "Call the configured model with a prompt and print the typed result.",
        "Runs the prompt's generated code from the built project (render, chat options, parser) against the model\n" +
        "configured as for `promptgen eval` (PROMPTGEN_ENDPOINT, PROMPTGEN_MODEL, PROMPTGEN_API_KEY or --endpoint/--model).\n" +
        "The answer streams to standard error as it arrives; then standard output gets\n" +
        "{\"ok\":true,\"value\":...,\"repairs\":[...],\"attempts\":n,\"usage\":{...}} (or \"ok\":false with the error).\n" +
        "With --save-case ID the input becomes a case of the prompt's eval file (created if missing; comments and order\n" +
        "kept) and the answer its recording (secrets scrubbed), so `promptgen eval` replays it offline.\n" +
        "Exit code 1 when the prompt has errors or the answer cannot be parsed.",
        InputOption,
        AssemblyOption,
        ProviderArguments.EndpointOption,
        ModelOption,
        SaveCaseOption,
        ReaskOption);

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var path = arguments.Positionals[0];

        // The model call could not be made or failed: PG1004 at the prompt, its message scrubbed of secrets.
        int ProviderFailed(Exception exception)
        {
            stderr.Write($"{path}(1,1): error {EvalProviderException.ProviderErrorDiagnosticId}: {EvalSecrets.Scrub(exception.Message)}\n");
            return CommandLine.ErrorsFound;
        }

        EnsureReadable(path);
        var input = JsonArgument.ReadObject(arguments, InputOption) ?? PromptValue.EmptyObject();
        var inputJson = PromptJson.Serialize(input);
        var caseId = arguments.GetValue(SaveCaseOption);
        if (caseId is not null && caseId.Trim().Length == 0) throw new UsageException($"{SaveCaseOption} needs a case id");

        var project = PromptProject.For(path);
        var semantics = Compile(path, project);
        if (ReportErrors(stderr, semantics.Diagnostics)) return CommandLine.ErrorsFound;

        var fullPath = Path.GetFullPath(path);
        var evalPath = Path.ChangeExtension(fullPath, null) + EvalPromptLink.EvalSuffix;
        if (caseId is not null) EvalCaseWriter.CheckCanAdd(project, evalPath, caseId);

        var assemblyPath = BuiltAssemblyFinder.Resolve(arguments, AssemblyOption, project.Root);
        IPromptDescriptor prompt;
        IChatClient client;
        try
        {
            var options = EvalProviderOptions.Resolve(new Dictionary<string, string?>
            {
                [EvalProviderOptions.Names.Endpoint] = ProviderArguments.Endpoint(arguments),
                [EvalProviderOptions.Names.Model] = arguments.GetValue(ModelOption),
            });
            EvalSecrets.Register(options);
            var prompts = PromptCatalogLoader.Load(assemblyPath, out var assembly);
            prompt = PromptLinker.Find(prompts, project.Root, fullPath, semantics.Name)
                ?? throw new PromptCatalogException($"the built assembly '{assemblyPath}' has no prompt for '{path}'; build the project again");
            client = EvalProviderFactory.CreateChatClient(options, EvalClientRole.App, EvalClientFactoryLoader.Find(assembly, options.ClientFactory));
        }
        catch (Exception exception) when (exception is PromptCatalogException or EvalProviderException)
        {
            return ProviderFailed(exception);
        }

        RecordingStore? store = null;
        if (caseId is not null)
        {
            store = RecordingStore.ForEvalFile(evalPath, EvalMode.Record, EvalSecrets.Scrubber);
            client = new RecordingChatClient(client, store, RecordingKind.Chat);
        }

        using (client)
        {
            var messages = PromptInputRenderer.TryRender(prompt, inputJson, out var renderError);
            if (messages is null)
            {
                stderr.Write($"{path}(1,1): error: {renderError}\n");
                return CommandLine.ErrorsFound;
            }

            PromptResult<PromptJsonParseResult> result;
            // The case's first trial: the recording is the one `promptgen eval` looks up for this case.
            using (caseId is null ? null : RecordingContext.Enter(caseId, 1))
            {
                try
                {
                    result = StreamAsync(client, prompt, messages, arguments.HasFlag(ReaskOption), stderr, cancellationToken).GetAwaiter().GetResult();
                }
                catch (PromptOutputException failure)
                {
                    stdout.Write(Json(w =>
                    {
                        w.WriteBoolean("ok", false);
                        w.WriteString("error", EvalSecrets.Scrub(failure.Message));
                    }));
                    return CommandLine.ErrorsFound;
                }
                catch (Exception exception) when (exception is not OperationCanceledException && exception is not UsageException)
                {
                    return ProviderFailed(exception);
                }
            }

            stdout.Write(Json(w => WriteResult(w, result)));
            if (caseId is not null)
            {
                store!.FlushRecorded();
                try
                {
                    EvalCaseWriter.Append(evalPath, Path.GetFileName(fullPath), caseId, input, semantics.Output is not null, PromptProject.EvalContextOf(semantics));
                }
                catch (InvalidOperationException exception)
                {
                    // Checked before the call; the answer paid for is recorded all the same.
                    stderr.Write($"promptgen run: {exception.Message}\nThe answer is recorded in {store.FilePath} as case '{caseId}'.\n");
                    return CommandLine.ErrorsFound;
                }

                stderr.Write($"promptgen run: case '{caseId}' added to {evalPath}; its answer recorded in {store.FilePath}\n");
            }
        }

        return CommandLine.Success;
    }

    private static async Task<PromptResult<PromptJsonParseResult>> StreamAsync(
        IChatClient client, IPromptDescriptor prompt, IList<ChatMessage> messages, bool reask, TextWriter terminal, CancellationToken cancellationToken)
    {
        PromptOutputReader<PromptJsonParseResult> reader = (string text, out PromptJsonParseResult? value, out PromptParseReport report) =>
        {
            value = prompt.ParseToJson(text);
            report = value.Report;
            return value.Success;
        };
        var stream = PromptStreamRunner.StreamMessages<string, PromptJsonParseResult>(client, messages, prompt.CreateOptions(), reader, partial: null, reask, cancellationToken);
        // The answer is shown scrubbed of secrets, a little behind the model (see ScrubbedStream).
        var shown = new ScrubbedStream(terminal);
        var last = string.Empty;
        await foreach (var text in stream.ConfigureAwait(false))
        {
            shown.Update(text);
            last = text;
        }

        if (shown.Complete(last)) terminal.Write('\n');
        return await stream.GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteResult(Utf8JsonWriter w, PromptResult<PromptJsonParseResult> result)
    {
        w.WriteBoolean("ok", true);
        w.WritePropertyName("value");
        using (var value = JsonDocument.Parse(result.Value.ValueJson ?? "null")) WriteScrubbed(w, value.RootElement);
        w.WriteObjects("repairs", result.Repairs, (w, repair) =>
        {
            w.WriteString("kind", repair.Kind.ToString());
            w.WriteString("path", EvalSecrets.Scrub(repair.Path));
            w.WriteString("message", EvalSecrets.Scrub(repair.Message)); // a repair can quote the answer
        });
        w.WriteNumber("attempts", result.Attempts);
        w.WriteStartObject("usage");
        if (result.Usage?.InputTokenCount is long input) w.WriteNumber("inputTokens", input);
        if (result.Usage?.OutputTokenCount is long output) w.WriteNumber("outputTokens", output);
        if (result.Usage?.TotalTokenCount is long total) w.WriteNumber("totalTokens", total);
        w.WriteEndObject();
        if (result.Response.ModelId is { } model) w.WriteString("model", model);
    }

    /// <summary>The model's value with each string scrubbed of secrets, as the console shows nothing a recording would not keep.</summary>
    private static void WriteScrubbed(Utf8JsonWriter w, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    w.WritePropertyName(EvalSecrets.Scrub(property.Name));
                    WriteScrubbed(w, property.Value);
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.EnumerateArray()) WriteScrubbed(w, item);
                w.WriteEndArray();
                break;
            case JsonValueKind.String when TryGetString(value) is { } text:
                w.WriteStringValue(EvalSecrets.Scrub(text));
                break;
            case JsonValueKind.String:
                // Half of a surrogate pair escaped: it cannot be decoded, so its JSON text is scrubbed as it is; a
                // redaction that took the closing quote with it leaves no valid string, and only the marker is shown.
                try
                {
                    w.WriteRawValue(EvalSecrets.Scrub(value.GetRawText()));
                }
                catch (ArgumentException)
                {
                    w.WriteStringValue(PromptGen.Security.SecretScrubber.Redacted);
                }

                break;
            default:
                value.WriteTo(w);
                break;
        }
    }

    private static string? TryGetString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Json(Action<Utf8JsonWriter> members) => JsonFileText.WriteObject(JsonFileText.IndentedReadable, members);
}
