namespace PromptGen.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Prompts are full of non-ASCII text: always write UTF-8 (without a byte order mark), whatever the console's code page.
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        try
        {
            Console.OutputEncoding = utf8;
        }
        catch (IOException)
        {
            // No console attached (output redirected on some platforms): the writers below still emit UTF-8.
        }

        using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8);
        using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
        using var cancellation = new ConsoleCancellation(stderr);
        return CommandLine.Run(args, stdout, stderr, cancellation.Token);
    }
}
