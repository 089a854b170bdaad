using System.Linq;
using CsCheck;
using PromptGen.Property.Tests.Prompts;
using static PromptGen.Property.Tests.Generators;
using static PromptGen.Property.Tests.Values;

namespace PromptGen.Property.Tests;

/// <summary>Random inputs for each prompt, built once as a typed <c>Input</c> and once as a value.</summary>
internal static class RenderCases
{
    /// <summary>
    /// Integers within ±2^53: the run-time renderer holds input numbers as JSON numbers (doubles), so a larger integer
    /// is a different number there by design; the typed side keeps it exact.
    /// </summary>
    private static readonly Gen<long> SafeInteger = Gen.OneOf(Gen.Long[-1000, 1000], Gen.Long[-(1L << 53), 1L << 53]);

    /// <summary>Words the templates compare with <c>ifEquals</c>, mixed with random text so both branches run.</summary>
    private static Gen<string> TextOr(params string[] words) => Gen.OneOf(Text, Gen.OneOf(words));

    public static readonly Gen<RenderCase> ClassifyTicket =
        from ticket in Text
        from channel in Optional(Text)
        select new RenderCase("ClassifyTicket.prompt",
            () => ClassifyTicketPrompt.Render(new ClassifyTicketPrompt.Input(ticket, channel)),
            Obj(("ticket", Str(ticket)), ("channel", Str(channel, optional: true))));

    public static readonly Gen<RenderCase> ExtractTicketDetails =
        from ticket in Text
        from category in Optional(TextOr("billing", ""))
        select new RenderCase("ExtractTicketDetails.prompt",
            () => ExtractTicketDetailsPrompt.Render(new ExtractTicketDetailsPrompt.Input(ticket, category)),
            Obj(("ticket", Str(ticket)), ("category", Str(category, optional: true))));

    private static readonly Gen<(DraftReplyPrompt.OrdersItem Typed, Language.Values.PromptValue Value)> DraftOrder =
        from orderId in Text
        from items in List(Text)
        select (new DraftReplyPrompt.OrdersItem { OrderId = orderId, Items = items },
            Obj(("orderId", Str(orderId)), ("items", List(items, Str))));

    public static readonly Gen<RenderCase> DraftReply =
        from customer in Text
        from category in Text
        from priority in TextOr("urgent", "low")
        from summary in Text
        from action in TextOr("refund", "fix")
        from agent in Text
        from orders in Optional(DraftOrder.Array[0, 3])
        from team in Optional(Text)
        select new RenderCase("DraftReply.prompt",
            () => DraftReplyPrompt.Render(new DraftReplyPrompt.Input(customer, category, priority, summary, action, agent,
                orders?.Select(o => o.Typed).ToArray(), team)),
            Obj(("customerName", Str(customer)), ("category", Str(category)), ("priority", Str(priority)), ("summary", Str(summary)),
                ("requestedAction", Str(action)), ("agent", Str(agent)),
                ("orders", orders is null ? null : Language.Values.PromptValue.Array(orders.Select(o => o.Value))),
                ("team", Str(team, optional: true))));

    private static readonly Gen<(PlanTripPrompt.LegsItem Typed, Language.Values.PromptValue Value)> Leg =
        from from_ in Text
        from to in Text
        from nights in OptionalValue(SafeInteger)
        from notes in Optional(List(Text))
        select (new PlanTripPrompt.LegsItem { From = from_, To = to, Nights = nights, Notes = notes },
            Obj(("from", Str(from_)), ("to", Str(to)), ("nights", Int(nights)), ("notes", List(notes, Str))));

    public static readonly Gen<RenderCase> PlanTrip =
        from name in Text
        from age in OptionalValue(SafeInteger)
        from member in Gen.Bool
        from budget in OptionalValue(Number)
        from legs in Leg.Array[0, 4]
        from pace in OptionalValue(Enum<PlanTripPrompt.Pace2>())
        from note in Optional(Text)
        select new RenderCase("PlanTrip.prompt",
            () => PlanTripPrompt.Render(new PlanTripPrompt.Input(
                new PlanTripPrompt.Traveller { Name = name, Age = age, Member = member },
                legs.Select(l => l.Typed).ToArray(), budget, pace, note)),
            Obj(("traveller", Obj(("name", Str(name)), ("age", Int(age)), ("member", Bool(member)))),
                ("budget", Num(budget)),
                ("legs", Language.Values.PromptValue.Array(legs.Select(l => l.Value))),
                ("pace", pace is { } p ? Str(p.ToWireName()) : null),
                ("note", Str(note, optional: true))));
}
