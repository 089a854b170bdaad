using System.Collections;
using System.Collections.Generic;
using Microsoft.Build.Framework;

namespace PromptGen.Tasks.Tests;

/// <summary>A build engine that keeps every event a task logs.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    private readonly object _lock = new();

    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 1;

    public int ColumnNumberOfTaskNode => 1;

    public string ProjectFileOfTaskNode => "test.proj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (_lock) Errors.Add(e);
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (_lock) Messages.Add(e);
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (_lock) Warnings.Add(e);
    }
}
