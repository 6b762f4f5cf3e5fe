using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LexHeller.Testing;

/// <summary>
/// The network between the app and its database server, on loopback: a port that passes every connection on to
/// the server, which a test can cut (the listener closed, every open connection dropped, as when the server's
/// machine or the link goes away) and bring back on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    public TcpRelay(IPEndPoint target)
    {
        _target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    /// <summary>The relay's own port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Connections passed on so far.</summary>
    public int Accepted => _accepted;

    private int _accepted;

    /// <summary>Closes the port and drops every connection through it.</summary>
    public async Task CutAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        foreach (var client in _open.Keys)
        {
            // A reset, not a polite close: the other end learns at once that the connection is gone.
            try { client.Client?.LingerState = new LingerOption(true, 0); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            client.Dispose();
        }
        _open.Clear();
        try { await _accepting; } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
    }

    /// <summary>Opens the port again.</summary>
    public void Restore()
    {
        _stop = new CancellationTokenSource();
        Start();
    }

    private void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        var listener = _listener;
        var stop = _stop.Token;
        _accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient inbound;
                try { inbound = await listener.AcceptTcpClientAsync(stop); }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
                Interlocked.Increment(ref _accepted);
                _ = PassOnAsync(inbound, stop);
            }
        }, stop);
    }

    private async Task PassOnAsync(TcpClient inbound, CancellationToken stop)
    {
        var outbound = new TcpClient();
        _open[inbound] = 0;
        _open[outbound] = 0;
        try
        {
            await outbound.ConnectAsync(_target, stop);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stop), b.CopyToAsync(a, stop));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(inbound, out _);
            _open.TryRemove(outbound, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CutAsync();
}
