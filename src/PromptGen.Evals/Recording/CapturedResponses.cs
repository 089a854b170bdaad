using PromptGen.Evals.Files;
using PromptGen.Security;

namespace PromptGen.Evals.Recording;

/// <summary>
/// Adds answers captured in production to an eval file's recordings (<c>promptgen cases import</c>): each becomes an
/// entry of its case without key or trial, which answers every trial of that case (see docs/evals.md, "Hand-written
/// recordings"), so the imported case replays the answer the model actually gave.
/// </summary>
public static class CapturedResponses
{
    /// <summary>The note put on a recordings file that had none.</summary>
    public const string Note = "includes responses captured in production (promptgen cases import)";

    /// <summary>
    /// Adds one entry per case to the recordings of <paramref name="evalFilePath"/>, keeping every entry already there;
    /// a case that already has entries keeps them and gets none. Returns the number of entries added.
    /// </summary>
    /// <exception cref="RecordingFormatException">The recordings file exists but is malformed.</exception>
    public static int Add(string evalFilePath, IEnumerable<(string CaseId, RecordedResponse Response)> responses, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(evalFilePath);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(scrubber);
        var path = RecordingStore.PathForEvalFile(evalFilePath);
        var (note, entries) = File.Exists(path) ? RecordingFileFormat.Read(path, File.ReadAllBytes(path)) : (null, new List<RecordingEntry>());
        var cases = new HashSet<string>(entries.Select(e => e.CaseId), StringComparer.Ordinal);
        var added = 0;
        foreach (var (caseId, response) in responses)
        {
            if (!cases.Add(caseId)) continue;
            entries.Add(new RecordingEntry { CaseId = caseId, Kind = RecordingKind.Chat, Response = response });
            added++;
        }

        if (added > 0) AtomicFile.WriteText(path, RecordingFileFormat.Write(note ?? Note, entries, scrubber));
        return added;
    }
}
