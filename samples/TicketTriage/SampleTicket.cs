using System.Collections.Generic;

namespace TicketTriage;

/// <summary>A ticket as it arrives. <see cref="Id"/> is also the case id of its eval cases and recorded responses.</summary>
public sealed record SampleTicket(string Id, string Channel, string Text);

/// <summary>The tickets the sample triages when it is given none; each is a case in all three eval files.</summary>
public static class SampleTickets
{
    public static IReadOnlyList<SampleTicket> All { get; } = new[]
    {
        new SampleTicket(
            "double-charge",
            "email",
            "Hello, I was charged twice for order 1182 (two payments of $49.99 on my card for one Reporting Pro licence). " +
            "Please refund the duplicate charge. Thanks, Maria Lopez <maria.lopez@example.com>"),
        new SampleTicket(
            "crash-on-export",
            "chat",
            "Since yesterday's update (4.2.1) the desktop app crashes every time I export a report to PDF. " +
            "I present to the board at 3pm today and need this working NOW. Account ACME-20931. Jonas"),
        new SampleTicket(
            "wrong-item",
            "email",
            "Order 2291 arrived with a blue kettle, but I ordered the red one. Order 2304 is also missing the filter pack. " +
            "Could you send the right kettle and the filters? Priya Shah"),
    };

    /// <summary>The order questions the sample answers with the <c>OrderStatus</c> prompt; each is a case of its eval file.</summary>
    public static IReadOnlyList<SampleTicket> OrderQuestions { get; } = new[]
    {
        new SampleTicket("order-shipped", "chat", "Hi, where is my order 2291? It was supposed to arrive yesterday. Priya"),
        new SampleTicket("no-order-number", "email", "Where is my parcel? I ordered a kettle last week and have heard nothing."),
    };
}
