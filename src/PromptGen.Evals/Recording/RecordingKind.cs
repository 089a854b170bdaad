namespace PromptGen.Evals.Recording;

/// <summary>What kind of model call a recording entry answers.</summary>
public enum RecordingKind
{
    /// <summary>The application's own chat call (the prompt under test).</summary>
    Chat,

    /// <summary>An embedding call (the <c>similar</c> assertion).</summary>
    Embedding,

    /// <summary>A judge model's chat call (the <c>llm-rubric</c> assertion).</summary>
    Judge,
}

internal static class RecordingKindNames
{
    public static string ToName(this RecordingKind kind) => kind switch
    {
        RecordingKind.Chat => "chat",
        RecordingKind.Embedding => "embedding",
        RecordingKind.Judge => "judge",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out RecordingKind kind)
    {
        switch (text)
        {
            case "chat": kind = RecordingKind.Chat; return true;
            case "embedding": kind = RecordingKind.Embedding; return true;
            case "judge": kind = RecordingKind.Judge; return true;
            default: kind = RecordingKind.Chat; return false;
        }
    }
}
