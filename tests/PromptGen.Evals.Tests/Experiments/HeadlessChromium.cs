using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace PromptGen.Evals.Tests.Experiments;

/// <summary>
/// Debian's Chromium, found or installed by <c>eng/browser.sh</c>, run headless on a report: the screenshot it takes
/// and the console messages it logged.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly Lazy<string?> s_path = new(Find);

    public static string? Path => s_path.Value;

    public static string SkipReason =>
        "Headless Chromium is not available: eng/browser.sh found no chromium and could not install Debian's package (it needs apt-get as root or passwordless sudo).";

    /// <summary>Opens <paramref name="htmlFile"/>, writes a screenshot to <paramref name="screenshot"/>, returns the browser's console lines.</summary>
    public static (int ExitCode, string[] ConsoleLines) Screenshot(string htmlFile, string screenshot)
    {
        var profile = Directory.CreateTempSubdirectory("promptgen-chromium-");
        try
        {
            var start = new ProcessStartInfo(Path!)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile.FullName, "--enable-logging=stderr", "--v=0",
                "--window-size=1280,1600", "--screenshot=" + screenshot, new Uri(htmlFile).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish within two minutes.");
            }

            var lines = (stderr.Result + "\n" + stdout.Result).Split('\n');
            // Chromium logs the page's console as "CONSOLE(...)" lines and content security policy violations as "Refused to ...".
            return (process.ExitCode, lines.Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Refused to", StringComparison.Ordinal)).ToArray());
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? Find() => EngScript.FindTool("eng/browser.sh");

    public static string? RepositoryFile(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "PromptGen.sln"))) return System.IO.Path.Combine(directory.FullName, relative);
        }

        return null;
    }
}

/// <summary>A fact that needs headless Chromium; skipped, with the reason, when eng/browser.sh cannot provide it.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.Path is null) Skip = HeadlessChromium.SkipReason;
    }
}
