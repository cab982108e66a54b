using System.Diagnostics.Metrics;
using Billing.Storage.Http;
using Billing.Storage.Tests.Contract;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Http;

/// <summary>The SDK clients report every call on the storage meter, tagged by service, method and final status.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageMetricsTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Each_call_counts_once_by_service_method_and_status_with_its_duration()
    {
        var counts = new List<(string Service, string Method, int Status)>();
        var durations = new List<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == StorageMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (counts)
            {
                counts.Add((Tag<string>(tags, "storage.service"), Tag<string>(tags, "http.request.method"), Tag<int>(tags, "http.response.status_code")));
            }
        });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (durations)
            {
                durations.Add(value);
            }
        });
        listener.Start();
        StorageAccount account = StorageAccount.FromConnectionString(fixture.ConnectionString);

        await account.GetTableClient(StorageTarget.UniqueName("m")).CreateIfNotExistsAsync();
        await account.GetBlobContainerClient(StorageTarget.UniqueName("m-")).CreateIfNotExistsAsync();
        await account.GetQueueClient(StorageTarget.UniqueName("m-")).CreateIfNotExistsAsync();
        await Assert.ThrowsAsync<StorageRequestFailedException>(() => account.GetTableClient(StorageTarget.UniqueName("absent")).GetEntityAsync("p", "r"));

        listener.Dispose();
        Assert.Equal(
            [("table", "POST", 201), ("blob", "PUT", 201), ("queue", "PUT", 201), ("table", "GET", 404)],
            counts);
        Assert.Equal(4, durations.Count);
        Assert.All(durations, d => Assert.True(d > 0));
    }

    private static T Tag<T>(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == name)
            {
                return (T)tag.Value!;
            }
        }

        throw new InvalidOperationException($"No tag {name}.");
    }
}
