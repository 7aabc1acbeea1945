using System.Linq.Expressions;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Common.Pagination;

/// <summary>Keyset pages over a unique text column (users by email, repositories by name), shared by the directory lists.</summary>
public static class NamePagination
{
    private const int MaxKeyLength = 255;

    private static readonly System.Reflection.MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <param name="name">The unique column the page is ordered by; it also names the cursor's order.</param>
    /// <param name="positionOf">The name and id of a mapped item, for the next cursor.</param>
    public static async Task<Page<TDto>> PageByNameAsync<TEntity, TDto>(
        this IQueryable<TEntity> source,
        Expression<Func<TEntity, string>> name,
        Func<TDto, (string Name, Guid Id)> positionOf,
        int? limit,
        string? cursorText,
        IConfigurationProvider mapping,
        CancellationToken ct)
    {
        var order = ((MemberExpression)name.Body).Member.Name.ToLowerInvariant();
        var take = limit ?? Paging.DefaultLimit;
        var cursor = Cursor.Decode(cursorText, order, key => key.Length is > 0 and <= MaxKeyLength);
        if (cursor is not null)
            source = source.Where(After(name, cursor.Key));
        var page = await source.OrderBy(name).Take(take + 1).ProjectTo<TDto>(mapping).ToListAsync(ct);
        if (page.Count <= take)
            return new Page<TDto>(page, null);
        page.RemoveAt(take);
        var (lastName, lastId) = positionOf(page[^1]);
        return new Page<TDto>(page, new Cursor(order, lastName, lastId).Encode());
    }

    /// <summary><c>string.Compare(name, key) &gt; 0</c>, which EF translates to <c>name &gt; @key</c>.</summary>
    private static Expression<Func<TEntity, bool>> After<TEntity>(Expression<Func<TEntity, string>> name, string key) =>
        Expression.Lambda<Func<TEntity, bool>>(
            Expression.GreaterThan(Expression.Call(Compare, name.Body, Expression.Constant(key)), Expression.Constant(0)),
            name.Parameters);
}
