package io.cairn.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cairn.testkit.PostgresShard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One HikariCP pool per PostgreSQL shard of the cluster, for the application-side database work
 * that Cairn is compared with. A key goes to shard {@code floorMod(key.hashCode(), shards)}, which
 * spreads keys over the shards as evenly as Cairn's own bucket map does.
 */
final class ShardPools implements AutoCloseable {

    private final List<HikariDataSource> pools = new ArrayList<>();

    ShardPools(List<PostgresShard> shards, int poolSize) {
        for (PostgresShard shard : shards) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(shard.jdbcUrl());
            config.setUsername(shard.username());
            config.setPassword(shard.password());
            config.setMaximumPoolSize(poolSize);
            config.setMinimumIdle(poolSize);
            config.setAutoCommit(true);
            config.setPoolName("bench-" + shard.name());
            pools.add(new HikariDataSource(config));
        }
    }

    int shardOf(String key) {
        return Math.floorMod(key.hashCode(), pools.size());
    }

    Connection connection(String key) throws SQLException {
        return connection(shardOf(key));
    }

    Connection connection(int shard) throws SQLException {
        return pools.get(shard).getConnection();
    }

    /** Runs {@code sql} once on every shard, for example to create a table. */
    void executeOnEveryShard(String sql) throws SQLException {
        for (HikariDataSource pool : pools) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
