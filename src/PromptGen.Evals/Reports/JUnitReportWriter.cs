using System.Globalization;
using System.Xml;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Results;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Evals.Reports;

/// <summary>
/// JUnit XML: one <c>testsuite</c> per eval file and target, one <c>testcase</c> per eval case (failures as
/// <c>failure</c>, infrastructure errors as <c>error</c>, stale baseline cases as <c>skipped</c>), plus a
/// <c>(gate)</c> testcase carrying suite-level findings such as the pass-rate floor.
/// </summary>
public static class JUnitReportWriter
{
    public static string Render(EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var text = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "PromptGen evals");
            var all = run.Suites.Select(Count).ToList();
            xml.WriteAttributeString("tests", Int(all.Sum(c => c.Tests)));
            xml.WriteAttributeString("failures", Int(all.Sum(c => c.Failures)));
            xml.WriteAttributeString("errors", Int(all.Sum(c => c.Errors)));
            xml.WriteAttributeString("skipped", Int(all.Sum(c => c.Skipped)));
            foreach (var suite in run.Suites) WriteSuite(xml, suite);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString() + "\n";
    }

    private static (int Tests, int Failures, int Errors, int Skipped) Count(EvalRunSuite suite)
    {
        var r = suite.Result;
        var gateFails = SuiteFindings(r).Any(f => f.IsError) ? 1 : 0;
        return (
            r.Cases.Count + r.StaleCaseIds.Count + 1,
            r.Cases.Count(c => !c.IsError && !c.Passed) + gateFails,
            r.Cases.Count(c => c.IsError),
            r.StaleCaseIds.Count);
    }

    private static GateFinding[] SuiteFindings(SuiteResult r) =>
        r.Gate?.Findings.Where(f => f.CaseId is null).ToArray() ?? Array.Empty<GateFinding>();

    private static void WriteSuite(XmlWriter xml, EvalRunSuite suite)
    {
        var r = suite.Result;
        var name = suite.Target is null ? r.EvalFile : $"{r.EvalFile} [{suite.Target}]";
        var className = ClassName(r.EvalFile, suite.Target);
        var counts = Count(suite);
        xml.WriteStartElement("testsuite");
        Attr(xml, "name", name);
        xml.WriteAttributeString("tests", Int(counts.Tests));
        xml.WriteAttributeString("failures", Int(counts.Failures));
        xml.WriteAttributeString("errors", Int(counts.Errors));
        xml.WriteAttributeString("skipped", Int(counts.Skipped));
        xml.WriteAttributeString("time", Seconds(r.Cases.SelectMany(c => c.Trials).Aggregate(TimeSpan.Zero, (t, x) => t + x.Latency)));

        if (r.Gate is { } gate)
        {
            xml.WriteStartElement("properties");
            Property(xml, "prompt", r.PromptName);
            Property(xml, "verdict", VerdictNames.Of(gate.Verdict));
            Property(xml, "passRate", GateFormat.Number(gate.PassRate));
            Property(xml, "smallestDetectableDrop", GateFormat.DetectableDrop(gate));
            if (gate.PValue is { } p) Property(xml, "pValue", GateFormat.PValue(p));
            xml.WriteEndElement();
        }

        foreach (var c in r.Cases)
        {
            xml.WriteStartElement("testcase");
            Attr(xml, "classname", className);
            Attr(xml, "name", c.CaseId);
            Attr(xml, "file", r.EvalFile);
            xml.WriteAttributeString("line", Int(c.Line));
            xml.WriteAttributeString("time", Seconds(c.Trials.Aggregate(TimeSpan.Zero, (t, x) => t + x.Latency)));
            var findings = r.Gate?.Findings.Where(f => f.CaseId == c.CaseId).ToArray() ?? Array.Empty<GateFinding>();
            var details = string.Join("\n", findings.Select(f => $"{f.Id}: {f.Message}")
                .Concat(c.Trials.Select(t => $"trial {t.Trial}: {(t.IsError ? "error: " + t.Error : t.Passed ? "passed" : "failed")}"
                    + string.Concat(t.Assertions.Where(a => !a.Passed).Select(a => $"\n  {(a.Gating ? "assert" : "check")} {a.Description}: {a.Message}")))));
            if (c.IsError)
            {
                var id = findings.FirstOrDefault(f => f.Id == DiagnosticDescriptors.RecordingMissing.Id || f.Id == DiagnosticDescriptors.EvalInfrastructureError.Id)?.Id ?? DiagnosticDescriptors.EvalInfrastructureError.Id;
                Element(xml, "error", $"{VerdictNames.Of(c.Verdict)}: {CaseFailures.FirstReason(c)}", id, details);
            }
            else if (!c.Passed)
            {
                Element(xml, "failure", $"{VerdictNames.Of(c.Verdict)}: {CaseFailures.FirstReason(c)}", VerdictNames.Of(c.Verdict), details);
            }
            else if (findings.Length > 0 || c.Verdict != EvalVerdict.Pass)
            {
                xml.WriteStartElement("system-out");
                xml.WriteString(TextSanitizer.ForXml($"{VerdictNames.Of(c.Verdict)}\n{details}"));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        foreach (var stale in r.StaleCaseIds)
        {
            xml.WriteStartElement("testcase");
            Attr(xml, "classname", className);
            Attr(xml, "name", stale);
            Attr(xml, "file", r.EvalFile);
            xml.WriteStartElement("skipped");
            Attr(xml, "message", "STALE: in the baseline but no longer in the eval file; update the baseline to drop it.");
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteStartElement("testcase");
        Attr(xml, "classname", className);
        xml.WriteAttributeString("name", "(gate)");
        Attr(xml, "file", r.EvalFile);
        var suiteFindings = SuiteFindings(r);
        if (suiteFindings.Any(f => f.IsError))
        {
            var first = suiteFindings.First(f => f.IsError);
            Element(xml, "failure", $"{first.Id}: {first.Message}", first.Id, string.Join("\n", suiteFindings.Select(f => $"{f.Id}: {f.Message}")));
        }
        else if (r.Gate is { } g)
        {
            xml.WriteStartElement("system-out");
            xml.WriteString(TextSanitizer.ForXml($"{VerdictNames.Of(g.Verdict)}; pass rate {GateFormat.Percent(g.PassRate)}; smallest detectable drop {GateFormat.DetectableDrop(g)}"
                + string.Concat(suiteFindings.Select(f => $"\n{f.Id}: {f.Message}"))));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string ClassName(string evalFile, string? target)
    {
        var name = evalFile.Replace('\\', '/');
        if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)) name = name.Substring(0, name.Length - 5);
        name = name.Replace('/', '.');
        return target is null ? name : $"{name}.{target}";
    }

    private static void Element(XmlWriter xml, string name, string message, string type, string body)
    {
        xml.WriteStartElement(name);
        Attr(xml, "message", TextSanitizer.OneLine(message, 500));
        Attr(xml, "type", type);
        xml.WriteString(TextSanitizer.ForXml(body));
        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        Attr(xml, "name", name);
        Attr(xml, "value", value);
        xml.WriteEndElement();
    }

    private static void Attr(XmlWriter xml, string name, string value) => xml.WriteAttributeString(name, TextSanitizer.ForXml(value));

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
