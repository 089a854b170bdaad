using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace PromptGen.Fuzz;

/// <summary>
/// <c>run TARGET</c>: serve AFL (started by eng/fuzz.sh). <c>replay TARGET FILE...</c>: feed files once and print
/// what broke (to triage a crash). <c>seed TARGET REPO OUT</c>: write the target's seed corpus from the tests.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var target = args.Length >= 2 ? Targets.Find(args[1]) : null;
        if (target is null)
        {
            return Usage();
        }

        switch (args[0])
        {
            case "run" when args.Length == 2:
                // Out of process: a stack overflow or a fail-fast kills a child process, which AFL sees as a crash,
                // instead of the fork server itself.
                Fuzzer.OutOfProcess.Run(target.Run);
                return 0;
            case "replay" when args.Length >= 3:
                return Replay(target, args.Skip(2).ToArray());
            case "seed" when args.Length == 4:
                return Seed(target, Path.GetFullPath(args[2]), args[3]);
            default:
                return Usage();
        }
    }

    private static int Replay(FuzzTarget target, string[] files)
    {
        var failures = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllText(file));
                Console.WriteLine($"ok       {file}");
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"CRASH    {file}");
                Console.WriteLine(ex);
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static int Seed(FuzzTarget target, string root, string output)
    {
        Directory.CreateDirectory(output);
        var written = 0;
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in target.Seeds(root))
        {
            if (text.Length == 0 || text.Length > SeedFiles.MaxSeedLength || !seen.Add(text))
            {
                continue;
            }

            File.WriteAllText(Path.Combine(output, name), text);
            written++;
        }

        Console.WriteLine($"{written} seeds for {target.Name} in {output}");
        return written > 0 ? 0 : 1;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: PromptGen.Fuzz run|replay|seed TARGET [...]");
        foreach (var target in Targets.All)
        {
            Console.Error.WriteLine($"  {target.Name,-12} {target.Description}");
        }

        return 2;
    }
}
