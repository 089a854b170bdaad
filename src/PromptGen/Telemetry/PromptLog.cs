using Microsoft.Extensions.Logging;

namespace PromptGen.Telemetry;

/// <summary>
/// The log events of generated prompt calls. They carry names, counts and the parser's error, never prompt content;
/// the error is scrubbed first, since it can quote the model's answer.
/// </summary>
internal static partial class PromptLog
{
    [LoggerMessage(EventId = 1, EventName = "PromptOutputRepaired", Level = LogLevel.Information,
        Message = "The answer to prompt {PromptName} (attempt {Attempt}) was repaired before parsing: {RepairCount} repair(s) ({RepairKinds}).")]
    public static partial void OutputRepaired(ILogger logger, string promptName, int attempt, int repairCount, string repairKinds);

    [LoggerMessage(EventId = 2, EventName = "PromptOutputParseFailed", Level = LogLevel.Warning,
        Message = "The answer to prompt {PromptName} (attempt {Attempt}) could not be parsed: {ParseError}. Re-asking: {WillReask}.")]
    public static partial void OutputParseFailed(ILogger logger, string promptName, int attempt, string parseError, bool willReask);
}
