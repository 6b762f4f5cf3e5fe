using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LexHeller.Core.Data;

/// <summary>
/// A compiled query per database model. EF Core binds a compiled query to the model it first ran with, and a process
/// that holds apps on both providers (the test run) would otherwise hand one provider the other's query.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new(ReferenceEqualityComparer.Instance);

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
