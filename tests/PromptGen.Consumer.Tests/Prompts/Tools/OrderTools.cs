using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using PromptGen.Tools;

namespace PromptGen.Consumer.Tests.Prompts.Tools;

/// <summary>Where an order is.</summary>
public enum OrderState
{
    Pending,
    Shipped,
    Delivered,
}

/// <summary>An in-memory order store whose lookups prompts can call as a tool (an instance tool).</summary>
public sealed class OrderStore
{
    private readonly Dictionary<string, OrderState> _orders;

    public OrderStore(Dictionary<string, OrderState> orders) => _orders = orders;

    /// <summary>Every order id the tool was called with, in order.</summary>
    public List<string> Lookups { get; } = new();

    /// <summary>Looks up the current state of an order.</summary>
    /// <param name="orderId">The order number, e.g. A-1182.</param>
    [PromptTool]
    public async Task<OrderState?> LookupOrder(string orderId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Lookups.Add(orderId);
        return _orders.TryGetValue(orderId, out var state) ? state : null;
    }
}

/// <summary>Static tools: no object needed.</summary>
public static class Shipping
{
    [PromptTool(Description = "Working days a parcel takes to reach a country.")]
    public static int ShippingDays([Description("ISO 3166 country code")] string country, bool express = false) =>
        (country == "FR" ? 2 : 5) - (express ? 1 : 0);
}
