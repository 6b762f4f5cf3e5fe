using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Core.Organisations;

/// <summary>An entry of a list to choose from: an organisation or a category.</summary>
public sealed record NamedId(int Id, string Name);

/// <summary>What a förbund's forms offer: its member organisations (by name, Swedish order) and its active categories (in their order).</summary>
public sealed record ForbundChoices(int Id, string Name, IReadOnlyList<NamedId> Partners, IReadOnlyList<NamedId> Categories);

/// <summary>
/// The register's short, rarely changed lists that every filing shows and checks against, kept in memory: a förbund's
/// partners and categories, the other actors, organisation names. Anything that changes Categories, Organisations,
/// ForbundMembers or Forbund (a save, or a bulk statement such as a merge) makes the cache forget all of it once the
/// change is committed, so the next reader loads what the database holds.
/// <para>
/// Other app instances on the same database learn of the change through <see cref="RegisterVersion"/>: the change
/// writes a new stamp in its own transaction, and every instance reads the stamp at most once per
/// <see cref="CheckEvery"/> and forgets its lists when it moved.
/// </para>
/// </summary>
public sealed class ReferenceCache
{
    private readonly IServiceScopeFactory _scopes;
    private long _generation;
    private Snapshot _snapshot = new(0);
    private readonly Lock _stampLock = new();
    private long _nextCheck;
    private Guid? _seenStamp;

    public ReferenceCache(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        Invalidation = new ReferenceCacheInvalidation(this);
    }

    /// <summary>The EF Core interceptor that tells this cache about committed changes; added to the DbContext's options.</summary>
    public IInterceptor Invalidation { get; }

    public Task<ForbundChoices?> ForbundAsync(int forbundId, CancellationToken ct = default) =>
        GetAsync(s => s.Forbund, forbundId, LoadForbundAsync, ct);

    /// <summary>The organisations of kind "annan aktör", which any förbund's cases may name.</summary>
    public async Task<IReadOnlyList<NamedId>> OtherActorsAsync(CancellationToken ct = default) =>
        await GetAsync(s => s.OtherActors, 0, LoadOtherActorsAsync, ct);

    public Task<string?> OrganisationNameAsync(int organisationId, CancellationToken ct = default) =>
        GetAsync(s => s.OrganisationNames, organisationId,
            (db, id, c) => db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(c), ct);

    /// <summary>Forgets everything. The interceptor calls it after each committed change to the register.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>
    /// How long a change committed by another instance may go unseen here: the stamp is read at most this often, on
    /// real time (a test moving the app's clock must not stop the checks). Zero reads it on every lookup.
    /// </summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(1);

    private async Task<T> GetAsync<T>(Func<Snapshot, ConcurrentDictionary<int, T>> part, int key,
        Func<LexHellerDb, int, CancellationToken, Task<T>> load, CancellationToken ct)
    {
        await NoticeOtherInstancesAsync(ct);
        // The generation is read before loading: a change committed while the load runs bumps it after the
        // commit, so what was loaded is kept only under a generation that is already out of date.
        var generation = Volatile.Read(ref _generation);
        var entries = part(SnapshotOf(generation));
        if (entries.TryGetValue(key, out var cached)) return cached;

        // Its own context reads committed rows only, never the uncommitted changes of a caller's transaction.
        await using var scope = _scopes.CreateAsyncScope();
        var value = await load(scope.ServiceProvider.GetRequiredService<LexHellerDb>(), key, ct);
        entries.TryAdd(key, value);
        return value;
    }

    /// <summary>
    /// Forgets everything when the stamp moved since the last look. One caller per interval reads it; the others go on
    /// with what is cached, which is at most one interval old. The stamp is read before anything is loaded under the
    /// generation it leads to, so a change committed meanwhile shows as a moved stamp at the next look.
    /// </summary>
    private async ValueTask NoticeOtherInstancesAsync(CancellationToken ct)
    {
        var now = TimeProvider.System.GetTimestamp();
        var due = Volatile.Read(ref _nextCheck);
        if (now < due) return;
        var next = now + (long)(CheckEvery.TotalSeconds * TimeProvider.System.TimestampFrequency);
        if (Interlocked.CompareExchange(ref _nextCheck, next, due) != due) return;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var stamp = await CurrentStamp(scope.ServiceProvider.GetRequiredService<LexHellerDb>(), ct);
            // Two reads overlap when one is slow: the lock keeps the stamp whole, and an answer out of order costs only a reload.
            lock (_stampLock)
            {
                if (stamp == _seenStamp) return;
                _seenStamp = stamp;
            }
            Invalidate();
        }
        catch
        {
            // Unread, so the next caller looks again rather than trusting the cache for another interval.
            Volatile.Write(ref _nextCheck, 0);
            throw;
        }
    }

    private static readonly Func<LexHellerDb, CancellationToken, Task<Guid>> CurrentStamp = EF.CompileAsyncQuery(
        (LexHellerDb db, CancellationToken ct) => db.RegisterVersions.Where(v => v.Id == RegisterVersion.TheRow).Select(v => v.Stamp).FirstOrDefault());

    /// <summary>Writes a new stamp in a transaction of its own, for a change that was committed by a statement outside any transaction.</summary>
    internal void StampAlone()
    {
        using var scope = _scopes.CreateScope();
        ReferenceCacheInvalidation.Stamp(scope.ServiceProvider.GetRequiredService<LexHellerDb>());
    }

    /// <inheritdoc cref="StampAlone"/>
    internal async Task StampAloneAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        await ReferenceCacheInvalidation.StampAsync(scope.ServiceProvider.GetRequiredService<LexHellerDb>(), ct);
    }

    private Snapshot SnapshotOf(long generation)
    {
        var current = Volatile.Read(ref _snapshot);
        while (current.Generation < generation)
        {
            var fresh = new Snapshot(generation);
            var seen = Interlocked.CompareExchange(ref _snapshot, fresh, current);
            if (ReferenceEquals(seen, current)) return fresh;
            current = seen;
        }
        // A reader that saw an older generation than the current snapshot loads into a snapshot nobody keeps.
        return current.Generation == generation ? current : new Snapshot(generation);
    }

    private static async Task<ForbundChoices?> LoadForbundAsync(LexHellerDb db, int forbundId, CancellationToken ct)
    {
        var name = await db.Forbund.Where(f => f.Id == forbundId).Select(f => f.Name).FirstOrDefaultAsync(ct);
        if (name is null) return null;
        var partners = await db.ForbundMembers.Where(m => m.ForbundId == forbundId)
            .Select(m => new NamedId(m.OrganisationId, m.Organisation.Name)).ToListAsync(ct);
        var categories = await db.Categories.Where(c => c.ForbundId == forbundId && c.IsActive).OrderBy(c => c.SortOrder)
            .Select(c => new NamedId(c.Id, c.Name)).ToListAsync(ct);
        return new ForbundChoices(forbundId, name, InSwedishOrder(partners), categories.ToArray());
    }

    private static async Task<IReadOnlyList<NamedId>> LoadOtherActorsAsync(LexHellerDb db, int _, CancellationToken ct) =>
        InSwedishOrder(await db.Organisations.Where(o => o.Kind == OrganisationKind.OtherActor)
            .Select(o => new NamedId(o.Id, o.Name)).ToListAsync(ct));

    private static NamedId[] InSwedishOrder(IEnumerable<NamedId> items) =>
        items.OrderBy(o => o.Name, Stockholm.Comparer).ToArray();

    private sealed class Snapshot(long generation)
    {
        public long Generation { get; } = generation;
        public ConcurrentDictionary<int, ForbundChoices?> Forbund { get; } = new();
        public ConcurrentDictionary<int, IReadOnlyList<NamedId>> OtherActors { get; } = new();
        public ConcurrentDictionary<int, string?> OrganisationNames { get; } = new();
    }
}

/// <summary>
/// Watches every save, bulk statement and transaction of the context for changes to the tables the cache holds, and
/// invalidates it after the change is committed: after the save or statement itself, or, inside a transaction, after
/// its commit (or roll-back, which costs only a reload). For the other instances it writes a new
/// <see cref="RegisterVersion"/> stamp in the same transaction as the change: a save carries the stamp in its own
/// batch; a bulk statement inside a transaction stamps just before the commit; one outside any transaction (none
/// does today) has committed already, so the stamp follows it at once in a transaction of its own.
/// </summary>
internal sealed partial class ReferenceCacheInvalidation(ReferenceCache cache)
    : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly object Pending = new();

    // Contexts that changed the register inside a transaction that is still open.
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    // Contexts whose open transaction ran a bulk statement on the register and still owes the stamp.
    private readonly ConditionalWeakTable<DbContext, object> _unstamped = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Settle(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Settle(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Settle(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Settle(eventData.Context);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (Statement(command, eventData)) cache.StampAlone();
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        if (Statement(command, eventData)) await cache.StampAloneAsync(ct);
        return result;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is { } context && _unstamped.Remove(context)) Stamp(context);
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        if (eventData.Context is { } context && _unstamped.Remove(context)) await StampAsync(context, ct);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null || !ChangesRegister(context)) return;
        _pending.AddOrUpdate(context, Pending);
        StampInSave(context);
    }

    /// <summary>Adds the new stamp to the save about to run, so it commits (or fails) with the change itself.</summary>
    private static void StampInSave(DbContext context)
    {
        var entry = context.ChangeTracker.Entries<RegisterVersion>().FirstOrDefault(e => e.Entity.Id == RegisterVersion.TheRow)
            ?? context.Attach(new RegisterVersion(RegisterVersion.TheRow));
        var stamp = entry.Property(v => v.Stamp);
        stamp.CurrentValue = Guid.NewGuid();
        stamp.IsModified = true;
    }

    internal static void Stamp(DbContext context)
    {
        var stamp = Guid.NewGuid();
        context.Set<RegisterVersion>().Where(v => v.Id == RegisterVersion.TheRow).ExecuteUpdate(s => s.SetProperty(v => v.Stamp, stamp));
    }

    internal static Task StampAsync(DbContext context, CancellationToken ct)
    {
        var stamp = Guid.NewGuid();
        return context.Set<RegisterVersion>().Where(v => v.Id == RegisterVersion.TheRow).ExecuteUpdateAsync(s => s.SetProperty(v => v.Stamp, stamp), ct);
    }

    /// <summary>After a save: without a transaction of the caller's the change is committed now.</summary>
    private void Settle(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && _pending.Remove(context)) cache.Invalidate();
    }

    /// <summary>Notes a bulk statement on the register; true when it ran outside any transaction and still needs its stamp.</summary>
    private bool Statement(DbCommand command, CommandExecutedEventData eventData)
    {
        // A migration builds the tables, the version row's among them; instances start anew after one.
        if (eventData.CommandSource == CommandSource.Migrations || !NamesRegister().IsMatch(command.CommandText)) return false;
        var context = eventData.Context;
        if (context?.Database.CurrentTransaction is null)
        {
            cache.Invalidate();
            return true;
        }
        _pending.AddOrUpdate(context, Pending);
        _unstamped.AddOrUpdate(context, Pending);
        return false;
    }

    private void Ended(DbContext? context)
    {
        if (context is null) return;
        _unstamped.Remove(context);
        if (_pending.Remove(context)) cache.Invalidate();
    }

    private static bool IsRegister(object entity) => entity is Category or Organisation or ForbundMember or Forbund;

    /// <summary>
    /// Whether the save adds, changes or deletes a register row. A filing tracks none, so it pays only for a look at
    /// what is tracked, without the full change detection that the save itself runs afterwards.
    /// </summary>
    private static bool ChangesRegister(DbContext context)
    {
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (!tracker.Entries().Any(e => IsRegister(e.Entity))) return false;
            if (detect) tracker.DetectChanges();
            return tracker.Entries().Any(e => IsRegister(e.Entity) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    // The tables the cache reads, as EF Core quotes them or as hand-written SQL names them ("ForbundId" is not "Forbund").
    [GeneratedRegex(@"\b(Categories|Organisations|ForbundMembers|Forbund)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamesRegister();
}

public static class ReferenceCacheSetup
{
    /// <summary>Registers the cache and adds its invalidation to every <see cref="LexHellerDb"/>, pooled or not.</summary>
    public static IServiceCollection AddReferenceCache(this IServiceCollection services)
    {
        services.AddSingleton<ReferenceCache>();
        // Singleton options, as the context pool keeps them, whichever of the two registrations comes first.
        services.ConfigureDbContext<LexHellerDb>(
            (provider, options) => options.AddInterceptors(provider.GetRequiredService<ReferenceCache>().Invalidation),
            ServiceLifetime.Singleton);
        return services;
    }
}
