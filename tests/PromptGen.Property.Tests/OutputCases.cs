using CsCheck;
using PromptGen.Property.Tests.Prompts;
using static PromptGen.Property.Tests.Generators;

namespace PromptGen.Property.Tests;

/// <summary>Random values of the generated output types: Unicode strings with escapes, full-range numbers, enums, nested lists, optionals.</summary>
internal static class OutputCases
{
    public static readonly Gen<ClassifyTicketPrompt.Output> ClassifyTicket =
        from category in Enum<ClassifyTicketPrompt.Category>()
        from priority in Enum<ClassifyTicketPrompt.Priority>()
        from summary in Text
        from confidence in Number
        select new ClassifyTicketPrompt.Output { Category = category, Priority = priority, Summary = summary, Confidence = confidence };

    private static readonly Gen<ExtractTicketDetailsPrompt.OrdersItem> Order =
        from orderId in Text
        from items in List(Text)
        from amount in OptionalValue(Number)
        from currency in OptionalValue(Enum<ExtractTicketDetailsPrompt.Currency>())
        select new ExtractTicketDetailsPrompt.OrdersItem { OrderId = orderId, Items = items, Amount = amount, Currency = currency };

    public static readonly Gen<ExtractTicketDetailsPrompt.Output> ExtractTicketDetails =
        from name in Text
        from email in Optional(Text)
        from accountId in Optional(Text)
        from orders in List(Order)
        from action in Enum<ExtractTicketDetailsPrompt.RequestedAction>()
        from deadline in Optional(Text)
        select new ExtractTicketDetailsPrompt.Output
        {
            Customer = new ExtractTicketDetailsPrompt.Customer { Name = name, Email = email, AccountId = accountId },
            Orders = orders,
            RequestedAction = action,
            Deadline = deadline,
        };

    private static readonly Gen<PlanTripPrompt.DaysItem> Day =
        from day in Integer
        from city in Text
        from cost in OptionalValue(Number)
        from tags in List(Text)
        from booked in Gen.Bool
        select new PlanTripPrompt.DaysItem { Day = day, City = city, Cost = cost, Tags = tags, Booked = booked };

    private static readonly Gen<PlanTripPrompt.Summary> Summary =
        from total in Number
        from currency in OptionalValue(Enum<PlanTripPrompt.Currency>())
        from warnings in Optional(List(Text))
        select new PlanTripPrompt.Summary { Total = total, Currency = currency, Warnings = warnings };

    public static readonly Gen<PlanTripPrompt.Output> PlanTrip =
        from title in Text
        from days in List(Day)
        from pace in Enum<PlanTripPrompt.Pace>()
        from summary in Optional(Summary)
        select new PlanTripPrompt.Output { Title = title, Days = days, Pace = pace, Summary = summary };
}
