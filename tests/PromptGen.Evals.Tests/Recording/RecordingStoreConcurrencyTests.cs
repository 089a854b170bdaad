using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PromptGen.Evals.Files;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Tests.Recording;

/// <summary>Writes take the file's lock, re-read the file and merge: nothing another run recorded is lost.</summary>
public sealed class RecordingStoreConcurrencyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Path => _folder.File("Triage.eval.recordings.json");

    public void Dispose() => _folder.Dispose();

    private static RecordingEntry Entry(string caseId, string text)
    {
        var request = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["text"] = caseId }) };
        return new RecordingEntry
        {
            CaseId = caseId,
            Trial = 1,
            Kind = RecordingKind.Chat,
            Key = CanonicalRequest.Key(RecordingKind.Chat, 1, request),
            Request = request,
            Response = new RecordedResponse { Text = text },
        };
    }

    private string[] CasesInFile() => RecordingStore.Open(Path, EvalMode.Replay).Entries.Select(e => e.CaseId).OrderBy(c => c, StringComparer.Ordinal).ToArray();

    [Fact]
    public void Two_stores_opened_on_one_file_keep_both_runs_recordings()
    {
        var first = RecordingStore.Open(Path, EvalMode.Auto);
        var second = RecordingStore.Open(Path, EvalMode.Auto);
        first.Save(Entry("a", "from the first run"));
        second.Save(Entry("b", "from the second run"));

        Assert.True(first.Flush());
        Assert.True(second.Flush());

        Assert.Equal(new[] { "a", "b" }, CasesInFile());
    }

    [Fact]
    public void Record_mode_prunes_only_what_this_run_left_unused_never_what_another_run_added()
    {
        var seed = RecordingStore.Open(Path, EvalMode.Auto);
        seed.Save(Entry("old", "recorded long ago"));
        seed.Flush();

        var recording = RecordingStore.Open(Path, EvalMode.Record);
        var other = RecordingStore.Open(Path, EvalMode.Auto);
        other.Save(Entry("other", "recorded by a concurrent run"));
        other.Flush();
        recording.Save(Entry("new", "recorded now"));

        Assert.True(recording.Flush());

        Assert.Equal(new[] { "new", "other" }, CasesInFile());
    }

    [Fact]
    public void Batches_are_written_once_due_and_never_pruned()
    {
        var seed = RecordingStore.Open(Path, EvalMode.Auto);
        seed.Save(Entry("kept", "from an earlier run"));
        seed.Flush();
        var store = RecordingStore.Open(Path, EvalMode.Record);
        store.MaxUnwrittenEntries = 2;
        store.MaxUnwrittenAge = TimeSpan.FromHours(1);

        store.Save(Entry("x", "1"));
        Assert.False(store.FlushIfDue());
        store.Save(Entry("y", "2"));
        Assert.True(store.FlushIfDue());
        Assert.False(store.FlushIfDue());

        Assert.Equal(new[] { "kept", "x", "y" }, CasesInFile());
        Assert.False(store.HasChanges);
    }

    [Fact]
    public async Task A_writer_waits_for_the_lock_and_fails_clearly_when_it_is_held_too_long()
    {
        var store = RecordingStore.Open(Path, EvalMode.Auto);
        store.Save(Entry("a", "answer"));
        store.LockTimeout = TimeSpan.FromMilliseconds(300);

        using (FileLock.Acquire(Path, TimeSpan.FromSeconds(5)))
        {
            // Another holder of the same lock, as another process would be.
            await Assert.ThrowsAsync<IOException>(() => Task.Run(() => FileLock.Acquire(Path, TimeSpan.FromMilliseconds(100)).Dispose()));
            var error = Assert.Throws<IOException>(() => store.FlushRecorded());
            Assert.Contains("Triage.eval.recordings.json.lock", error.Message, StringComparison.Ordinal);
            Assert.Contains("another process", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path));
        }

        Assert.True(store.HasChanges);
        store.LockTimeout = TimeSpan.FromSeconds(10);
        Assert.True(store.FlushRecorded());
        Assert.Equal(new[] { "a" }, CasesInFile());
        Assert.False(File.Exists(Path + ".lock"));
    }

    [Fact]
    public async Task Many_writers_at_once_lose_nothing()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => RecordingStore.Open(Path, EvalMode.Auto)).ToList();
        for (var i = 0; i < stores.Count; i++)
        {
            for (var j = 0; j < 5; j++) stores[i].Save(Entry($"s{i}-c{j}", "answer"));
        }

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.Flush())));

        Assert.Equal(40, CasesInFile().Length);
        Assert.False(File.Exists(Path + ".lock"));
    }
}
