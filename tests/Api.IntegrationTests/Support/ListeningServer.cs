using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// The application on a real loopback port, for child processes, which cannot reach the in-memory test server. It is
/// started on first use, on the fixture's database, so keys made over REST on the in-memory instance work here too.
/// </summary>
public sealed class ListeningServer(IReadOnlyDictionary<string, string?> settings) : IAsyncDisposable
{
    private TaskManagerFactory? _factory;

    public async Task<Uri> AddressAsync(Func<Task<string>> connectionString)
    {
        if (_factory is null)
        {
            _factory = new TaskManagerFactory(await connectionString(), settings);
            _factory.UseKestrel(0);
            _factory.StartServer();
        }
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
    }
}
