using PromptGen.Evals.Gate;
using PromptGen.Evals.Results;

namespace PromptGen.Evals.Reports;

/// <summary>A Markdown summary for a pull-request comment: one section and table per suite, then its failed cases.</summary>
public static class MarkdownSummaryWriter
{
    private const int MaxCellLength = 200;
    private const char ZeroWidthJoiner = '\u200D';

    public static string Render(EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var md = new StringBuilder();
        var passed = run.Suites.All(s => s.Result.Gate?.Passed ?? true);
        md.Append("## PromptGen evals: ").Append(passed ? "passed" : "failed").Append('\n');
        if (run.Mode is not null) md.Append("\nMode: `").Append(Code(run.Mode)).Append("`\n");

        foreach (var suite in run.Suites)
        {
            var r = suite.Result;
            md.Append("\n### ").Append(Escape(r.EvalFile));
            if (suite.Target is not null) md.Append(" (").Append(Escape(suite.Target)).Append(')');
            md.Append('\n');
            if (r.Gate is not { } gate)
            {
                md.Append("\nNot gated.\n");
                continue;
            }

            md.Append("\n**").Append(VerdictNames.Of(gate.Verdict)).Append("**, gate ").Append(gate.Passed ? "passed" : "failed").Append('\n');
            md.Append("\n| ");
            foreach (var v in VerdictNames.All) md.Append(VerdictNames.Of(v)).Append(" | ");
            md.Append("Pass rate | Baseline | Smallest detectable drop |\n|");
            for (var i = 0; i < VerdictNames.All.Length + 3; i++) md.Append("---|");
            md.Append("\n| ");
            foreach (var v in VerdictNames.All)
            {
                var count = v == EvalVerdict.Stale ? r.StaleCaseIds.Count : r.Cases.Count(c => c.Verdict == v);
                md.Append(count).Append(" | ");
            }

            md.Append(GateFormat.Percent(gate.PassRate)).Append(" (").Append(gate.PassedCases).Append('/').Append(gate.JudgedCases).Append(") | ");
            md.Append(gate.BaselinePassRate is { } b ? GateFormat.Percent(b) : "none").Append(" | ");
            md.Append(Escape(GateFormat.DetectableDrop(gate))).Append(" |\n");

            if (gate.PValue is { } p)
            {
                md.Append("\nSign test: ").Append(gate.Worsened).Append(" pass → fail, ").Append(gate.Improved)
                  .Append(" fail → pass of ").Append(gate.PairedCases).Append(" paired cases, p = ").Append(GateFormat.PValue(p))
                  .Append(" (alpha ").Append(GateFormat.Number(gate.Alpha)).Append(", tolerance ").Append(GateFormat.Percent(gate.Tolerance)).Append(").\n");
            }

            var failed = r.Cases.Where(c => c.IsError || !c.Passed).ToList();
            if (failed.Count > 0)
            {
                md.Append("\n| Case | Verdict | First failing assertion |\n|---|---|---|\n");
                foreach (var c in failed)
                {
                    md.Append("| ").Append(Escape(c.CaseId)).Append(c.Critical ? " (critical)" : string.Empty)
                      .Append(" | ").Append(VerdictNames.Of(c.Verdict))
                      .Append(" | ").Append(Escape(TextSanitizer.OneLine(CaseFailures.FirstReason(c) ?? "(no assertion failed)", MaxCellLength)))
                      .Append(" |\n");
                }
            }

            foreach (var f in gate.Findings.Where(f => f.CaseId is null))
            {
                md.Append("\n- ").Append(f.IsError ? "❌ " : "⚠️ ").Append(f.Id).Append(": ").Append(Escape(TextSanitizer.OneLine(f.Message, 500))).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>
    /// Neutralises Markdown and HTML so model text cannot break the table or inject markup, and nothing in it is live in
    /// a pull-request comment: no link (<c>[x](y)</c>, <c>&lt;url&gt;</c>, a bare <c>https://</c> or <c>www.</c>), no
    /// <c>@mention</c> (which would notify someone) and no <c>#123</c> reference. A zero-width joiner after <c>@</c>,
    /// <c>#</c>, a scheme's <c>:</c> and <c>www</c> breaks the autolink while the text reads the same.
    /// </summary>
    internal static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r':
                case '\n': sb.Append(' '); break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '~':
                    sb.Append('\\').Append(c);
                    break;
                case '@' or '#':
                    sb.Append(c).Append(ZeroWidthJoiner);
                    break;
                case ':' when i + 2 < text.Length && text[i + 1] == '/' && text[i + 2] == '/':
                    sb.Append(c).Append(ZeroWidthJoiner);
                    break;
                case '.' when i >= 3 && string.Compare(text, i - 3, "www", 0, 3, StringComparison.OrdinalIgnoreCase) == 0:
                    sb.Append(ZeroWidthJoiner).Append(c);
                    break;
                default:
                    sb.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Code(string text) => text.Replace("`", "'").Replace('\n', ' ');
}
