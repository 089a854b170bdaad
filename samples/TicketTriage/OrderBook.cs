using System;
using System.Collections.Generic;
using PromptGen.Tools;

namespace TicketTriage;

/// <summary>
/// The sample's order book: an in-memory store that the <c>OrderStatus</c> prompt reads through its
/// <c>lookupOrder</c> tool. Static, so the eval runner can call it too when it replays the recorded tool turns.
/// </summary>
public static class OrderBook
{
    private static readonly Dictionary<string, string> s_status = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1182"] = "delivered",
        ["2291"] = "shipped",
        ["2304"] = "pending",
    };

    /// <summary>Looks up the delivery status of an order: pending, shipped or delivered; unknown when there is no such order.</summary>
    /// <param name="orderId">The order number as the customer wrote it, e.g. 2291.</param>
    [PromptTool]
    public static string LookupOrder(string orderId) =>
        s_status.TryGetValue(orderId.Trim().TrimStart('#'), out var status) ? status : "unknown";
}
