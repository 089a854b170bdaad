using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PromptGen;
using PromptGen.Capture;
using TicketTriage.Prompts;

namespace TriageApi;

/// <summary>A ticket to triage.</summary>
public sealed record TriageRequest(string Ticket, string? Channel);

/// <summary>The triage, with the call id to give feedback on it.</summary>
public sealed record TriageResponse(string CallId, string Category, string Priority, string Summary, double Confidence, int Repairs);

/// <summary>A user's verdict on a triage: a score from 0 (wrong) to 1 (right) and an optional comment.</summary>
public sealed record FeedbackRequest(string CallId, double Score, string? Comment);

/// <summary>The API: <c>POST /triage</c> calls the generated ClassifyTicket prompt; <c>POST /feedback</c> records a verdict on a call.</summary>
internal static class TriageEndpoints
{
    public static IEndpointRouteBuilder MapTriage(this IEndpointRouteBuilder app)
    {
        // The endpoint asks for the prompt it calls; model, sampling, variant and chat client come from configuration.
        app.MapPost("/triage", async (TriageRequest request, ClassifyTicketPrompt.Client classifyTicket, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Ticket)) return Results.ValidationProblem(new System.Collections.Generic.Dictionary<string, string[]> { ["ticket"] = new[] { "A ticket is required." } });
            try
            {
                var result = await classifyTicket.RunAsync(request.Ticket, request.Channel, cancellationToken: cancellationToken);
                var value = result.Value;
                return Results.Ok(new TriageResponse(result.CallId, value.Category.ToWireName(), value.Priority.ToWireName(), value.Summary, value.Confidence, result.Repairs.Count));
            }
            catch (PromptOutputException ex)
            {
                // The call is captured (as failed) all the same: such answers make the best eval cases.
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway);
            }
        });

        app.MapPost("/feedback", (FeedbackRequest feedback, PromptCapture capture) =>
            capture.RecordFeedback(feedback.CallId, feedback.Score, feedback.Comment)
                ? Results.Accepted()
                : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
