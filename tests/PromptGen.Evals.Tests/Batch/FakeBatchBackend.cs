using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.Evals.Tests.Batch;

/// <summary>
/// The OpenAI batch API over <see cref="FakeOpenAIServer"/> (127.0.0.1, bounded): <c>POST /v1/files</c>,
/// <c>POST /v1/batches</c>, <c>GET /v1/batches/{id}</c>, <c>GET /v1/files/{id}/content</c>. A batch ends when it is first
/// read after <see cref="Hold"/> is off: each input line is answered by <see cref="Answer"/> (null puts an error line in
/// the error file), the output lines written in reverse order. Direct chat completions are counted and refused.
/// </summary>
internal sealed class FakeBatchBackend
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _files = new();
    private readonly Dictionary<string, Batch> _batches = new();

    /// <summary>The answer body (a chat completion) for a request body, or null for an error line.</summary>
    public Func<JsonObject, string?> Answer { get; set; } = _ => null;

    /// <summary>While true, batches stay <c>in_progress</c>.</summary>
    public bool Hold { get; set; }

    /// <summary>The status a batch ends with: <c>completed</c>, <c>expired</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public string FinalStatus { get; set; } = "completed";

    public int DirectChatCalls { get; private set; }

    public int StatusReads { get; private set; }

    /// <summary>The input files' lines, by batch, in submission order.</summary>
    public List<List<JsonObject>> SubmittedLines { get; } = new();

    public ScriptedResponse Handle(ReceivedRequest request)
    {
        try
        {
            return Route(request);
        }
        catch (Exception exception) when (exception is ArgumentException or KeyNotFoundException or JsonException or InvalidOperationException or NullReferenceException)
        {
            // A request this fake cannot read is answered, never left hanging.
            return new ScriptedResponse(400, new JsonObject { ["error"] = new JsonObject { ["message"] = "fake batch API: " + exception.Message } }.ToJsonString());
        }
    }

    private ScriptedResponse Route(ReceivedRequest request)
    {
        lock (_gate)
        {
            var path = request.Path.Split('?')[0];
            if (request.Method == "POST" && path == "/v1/chat/completions")
            {
                DirectChatCalls++;
                return new ScriptedResponse(500, "{\"error\":{\"message\":\"this test expects no direct call\"}}");
            }
            if (request.Method == "POST" && path == "/v1/files")
            {
                if (!request.Body.Contains("name=purpose", StringComparison.Ordinal) || !request.Body.Contains("batch", StringComparison.Ordinal))
                    return new ScriptedResponse(400, "{\"error\":{\"message\":\"purpose batch expected\"}}");
                var id = "file-" + (_files.Count + 1);
                _files[id] = FilePart(request.Body);
                return Json(new JsonObject { ["id"] = id, ["object"] = "file", ["purpose"] = "batch" });
            }
            if (request.Method == "POST" && path == "/v1/batches")
            {
                var body = JsonNode.Parse(request.Body)!.AsObject();
                if ((string?)body["endpoint"] != "/v1/chat/completions" || (string?)body["completion_window"] != "24h")
                    return new ScriptedResponse(400, "{\"error\":{\"message\":\"bad batch\"}}");
                var input = _files[(string)body["input_file_id"]!];
                var lines = input.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
                SubmittedLines.Add(lines);
                var id = "batch_" + (_batches.Count + 1);
                _batches[id] = new Batch(lines);
                return Json(new JsonObject { ["id"] = id, ["object"] = "batch", ["status"] = "validating" });
            }
            if (request.Method == "GET" && path.StartsWith("/v1/batches/", StringComparison.Ordinal))
            {
                StatusReads++;
                var id = path.Substring("/v1/batches/".Length);
                var batch = _batches[id];
                if (!Hold && batch.Status == "in_progress")
                    End(id, batch);
                return Json(new JsonObject { ["id"] = id, ["status"] = batch.Status, ["output_file_id"] = batch.OutputFileId, ["error_file_id"] = batch.ErrorFileId });
            }
            if (request.Method == "GET" && path.StartsWith("/v1/files/", StringComparison.Ordinal) && path.EndsWith("/content", StringComparison.Ordinal))
            {
                var id = path.Substring("/v1/files/".Length, path.Length - "/v1/files/".Length - "/content".Length);
                return _files.TryGetValue(id, out var content) ? new ScriptedResponse(200, content) : new ScriptedResponse(404, "{}");
            }
            return new ScriptedResponse(404, "{\"error\":{\"message\":\"unknown route\"}}");
        }
    }

    private void End(string id, Batch batch)
    {
        batch.Status = FinalStatus;
        if (FinalStatus != "completed")
            return;
        var output = new List<string>();
        var errors = new List<string>();
        foreach (var line in batch.Lines)
        {
            var customId = (string)line["custom_id"]!;
            var answer = Answer(line["body"]!.AsObject());
            if (answer is null)
                errors.Add(new JsonObject { ["id"] = "req", ["custom_id"] = customId, ["response"] = new JsonObject { ["status_code"] = 500, ["body"] = new JsonObject { ["error"] = new JsonObject { ["message"] = "server error" } } }, ["error"] = null }.ToJsonString());
            else
                output.Add(new JsonObject { ["id"] = "req", ["custom_id"] = customId, ["response"] = new JsonObject { ["status_code"] = 200, ["body"] = JsonNode.Parse(answer) }, ["error"] = null }.ToJsonString());
        }
        // Providers return results in any order.
        output.Reverse();
        if (output.Count > 0)
        {
            batch.OutputFileId = "file-out-" + id;
            _files[batch.OutputFileId] = string.Join("\n", output) + "\n";
        }
        if (errors.Count > 0)
        {
            batch.ErrorFileId = "file-err-" + id;
            _files[batch.ErrorFileId] = string.Join("\n", errors) + "\n";
        }
    }

    // The file part of a multipart/form-data body: after the part's headers, up to the next boundary.
    private static string FilePart(string body)
    {
        var start = body.IndexOf("filename=", StringComparison.Ordinal);
        start = body.IndexOf("\r\n\r\n", start, StringComparison.Ordinal) + 4;
        var end = body.IndexOf("\r\n--", start, StringComparison.Ordinal);
        return body.Substring(start, end - start);
    }

    private static ScriptedResponse Json(JsonObject body) => new(200, body.ToJsonString());

    private sealed class Batch
    {
        public Batch(List<JsonObject> lines) => Lines = lines;

        public List<JsonObject> Lines { get; }

        public string Status { get; set; } = "in_progress";

        public string? OutputFileId { get; set; }

        public string? ErrorFileId { get; set; }
    }
}
