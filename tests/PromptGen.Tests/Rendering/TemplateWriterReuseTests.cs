using PromptGen.Rendering;
using Xunit;

namespace PromptGen.Tests.Rendering;

public class TemplateWriterReuseTests
{
    /// <summary>
    /// The top-level writer is reused by the next render on the thread: what earlier renders merged from partials must
    /// not count against the output bound of a later one (it did: a prompt with partials failed after about 16 Mi
    /// characters of partial output in total, over thousands of renders).
    /// </summary>
    [Fact]
    public void OutputBoundIsPerRenderNotPerThread()
    {
        var partialText = new string('x', 1 << 20);
        for (var render = 0; render < 40; render++)
        {
            var writer = TemplateWriter.Root();
            writer.Role("user");
            var partial = writer.Nested();
            partial.EnterPartial("p");
            partial.Text(partialText);
            partial.LeavePartial();
            writer.Indented(partial, "");
            var messages = TemplateRuntime.ToMessages(writer, null, TemplateRuntime.HistoryOf(null));
            Assert.Single(messages);
            Assert.Equal(partialText.Length, messages[0].Text.Length);
        }
    }
}
