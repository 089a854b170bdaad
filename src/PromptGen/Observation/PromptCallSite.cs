using System.ComponentModel;
using PromptGen.Serialization;

namespace PromptGen.Observation;

/// <summary>
/// Which generated prompt a chat call belongs to: its name, its version and its variant. The source generator emits one
/// per prompt as a static field and hands it to <see cref="PromptRunner"/>, which exposes it to chat-client middleware
/// through <see cref="PromptCallContext.Current"/> for the duration of the call.
/// </summary>
public abstract class PromptCallSite
{
    /// <summary>Creates a call site.</summary>
    /// <param name="name">The prompt's name (frontmatter <c>name</c>, else the file name without <c>.prompt</c>).</param>
    /// <param name="version">The version of the <c>.prompt</c> file (a hash of its text).</param>
    /// <param name="variant">The frontmatter <c>variant</c>, or null.</param>
    private protected PromptCallSite(string name, string version, string? variant)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Version = version ?? throw new ArgumentNullException(nameof(version));
        Variant = variant;
    }

    /// <summary>The prompt's name (frontmatter <c>name</c>, else the file name without <c>.prompt</c>).</summary>
    public string Name { get; }

    /// <summary>The version of the <c>.prompt</c> file: the first 12 hex digits of the SHA-256 of its text (line endings normalized).</summary>
    public string Version { get; }

    /// <summary>The frontmatter <c>variant</c>, or null.</summary>
    public string? Variant { get; }

    /// <summary>The input of a call as JSON with the input schema's wire names.</summary>
    internal abstract string WriteInputJson(object input);

    /// <summary>A parsed value as JSON with the output schema's wire names.</summary>
    internal abstract string WriteOutputJson(object? value);

    /// <inheritdoc />
    public override string ToString() => Variant is null ? $"{Name}@{Version}" : $"{Name}.{Variant}@{Version}";
}

/// <summary>The call site of one generated prompt, with the writers that turn its input and output into JSON.</summary>
/// <typeparam name="TInput">The prompt's input record.</typeparam>
/// <typeparam name="TOutput">The prompt's output type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PromptCallSite<TInput, TOutput> : PromptCallSite
{
    private readonly JsonValueWriter<TInput>? _writeInput;
    private readonly JsonValueWriter<TOutput>? _writeOutput;

    /// <summary>Creates the call site of one generated prompt; called by generated code.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="version">The version of the <c>.prompt</c> file.</param>
    /// <param name="variant">The frontmatter <c>variant</c>, or null.</param>
    /// <param name="writeInput">The generated writer of the input record; null when the prompt declares no input schema.</param>
    /// <param name="writeOutput">The generated writer of the output type; null for text output.</param>
    public PromptCallSite(string name, string version, string? variant, JsonValueWriter<TInput>? writeInput, JsonValueWriter<TOutput>? writeOutput)
        : base(name, version, variant)
    {
        _writeInput = writeInput;
        _writeOutput = writeOutput;
    }

    /// <summary>The call site of one variant of this prompt (a <c>Name.variant.prompt</c> file), or this one for the base.</summary>
    /// <param name="variant">The variant's name; <c>null</c> for the base prompt.</param>
    /// <returns>A call site with the same name, version and writers that names <paramref name="variant"/>.</returns>
    public PromptCallSite<TInput, TOutput> ForVariant(string? variant) =>
        variant is null || variant == Variant ? this : new(Name, Version, variant, _writeInput, _writeOutput);

    internal override string WriteInputJson(object input) =>
        _writeInput is null ? "{}" : JsonText.Write((TInput)input, _writeInput);

    internal override string WriteOutputJson(object? value)
    {
        if (_writeOutput is not null) return JsonText.Write((TOutput)value!, _writeOutput);
        return value is string text ? JsonText.Write(text, static (w, s) => w.WriteStringValue(s)) : "null";
    }
}
