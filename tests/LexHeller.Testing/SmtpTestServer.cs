using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LexHeller.Testing;

/// <summary>
/// A real SMTP server on 127.0.0.1 for tests. It records every delivery (a mail sent twice is there twice),
/// can refuse chosen mailboxes permanently (550) or answer with a temporary error (451), and can hold its
/// answer to a message until the test lets go, so a mail is provably in flight.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private CancellationTokenSource _stop = new();
    private readonly Store _store;
    private Task _running = Task.CompletedTask;

    public SmtpTestServer(int? port = null)
    {
        Port = port ?? FreePort();
        _store = new Store(this);
    }

    public int Port { get; }

    /// <summary>Every message received, in order, duplicates included.</summary>
    public IReadOnlyList<MimeMessage> Messages => _store.Received.ToList();

    /// <summary>Recipients the server refuses with 550 (mailbox unavailable).</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>While set, every message is answered with 451 (try again later) and not kept.</summary>
    public bool TemporarilyFailing { get; set; }

    /// <summary>When set, the server keeps the message's content but waits for this before answering.</summary>
    public TaskCompletionSource? HoldReply { get; set; }

    /// <summary>
    /// With <see cref="HoldReply"/>, only the answer to this message is held (1 for the first one kept), so the
    /// messages before it are answered at once and a test need not race the sender to set the hold in time.
    /// </summary>
    public int? HoldMessageNumber { get; set; }

    /// <summary>Completes when a message has been received and its answer is being held.</summary>
    public TaskCompletionSource<MimeMessage> Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task StartAsync()
    {
        if (!_stop.IsCancellationRequested && !_running.IsCompleted) return;
        _stop = new CancellationTokenSource();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add((IMessageStore)_store);
        provider.Add((IMailboxFilter)new Filter(this));
        _running = new SmtpServer.SmtpServer(options, provider).StartAsync(_stop.Token);
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(20); }
        }
        throw new InvalidOperationException("The SMTP server did not start.");
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception e) when (e is OperationCanceledException or TimeoutException) { }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_store.Received.Count < count && DateTime.UtcNow < until) await Task.Delay(50);
        return Messages;
    }

    public async ValueTask DisposeAsync()
    {
        HoldReply?.TrySetResult();
        await StopAsync();
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        private int _kept;

        public ConcurrentQueue<MimeMessage> Received { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.TemporarilyFailing) return new SmtpResponse((SmtpReplyCode)451, "Local error, try again later");
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Received.Enqueue(message);
            var number = Interlocked.Increment(ref _kept);
            if (server.HoldReply is { } hold && (server.HoldMessageNumber is not { } holdAt || holdAt == number))
            {
                server.Held.TrySetResult(message);
                await hold.Task.WaitAsync(cancellationToken);
            }
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpTestServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.Refused.ContainsKey($"{to.User}@{to.Host}"));
    }
}
