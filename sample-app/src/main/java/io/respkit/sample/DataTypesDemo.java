package io.respkit.sample;

import io.respkit.commands.SetArgs;
import io.respkit.spring.core.RedisTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed tutorial's data-type sections with the injected {@link RedisTemplate}: keys, strings, counters, hashes
 * (with expiry), lists, sets and sorted sets. Every key carries the {@code {demo}:} prefix, and the whole database is
 * flushed only on a throwaway server the sample started itself.
 *
 * <p>The prefix is a hash tag: on a Redis Cluster only the part in braces is hashed, so every key of this demo is in
 * one slot and the commands that take several keys ({@code RENAME}, {@code RPOPLPUSH}, {@code SMOVE}, {@code MSET},
 * {@code MGET}) run as on one server, where the braces are just part of the name.
 *
 * <p>Thread-safe: stateless apart from the injected beans.
 */
@Component
public class DataTypesDemo {

    private static final Logger log = LoggerFactory.getLogger(DataTypesDemo.class);
    private static final String P = "{demo}:";

    private final RedisTemplate<String> redis;
    private final DemoReport report;
    private final boolean throwaway;

    DataTypesDemo(RedisTemplate<String> redis, DemoReport report,
                  @Value("${sample.throwaway-server:false}") boolean throwaway) {
        this.redis = redis;
        this.report = report;
        this.throwaway = throwaway;
    }

    void run() {
        keys();
        strings();
        counters();
        hashes();
        lists();
        sets();
        sortedSets();
    }

    private void keys() {
        redis.set(P + "k1", "v1");
        show("type k1", redis.type(P + "k1"));
        show("exists k1", redis.exists(P + "k1"));
        show("exists k8888", redis.exists(P + "k8888"));
        redis.rename(P + "k1", P + "k11");
        show("get k11", redis.get(P + "k11"));
        show("delete k11", redis.del(P + "k11"));
        redis.set(P + "k1", "v1");
        show("ttl without expiry", redis.ttl(P + "k1"));
        redis.set(P + "k1", "v1", SetArgs.ex(10));
        show("ttl after ex=10", redis.ttl(P + "k1"));
        redis.persist(P + "k1");
        show("ttl after persist", redis.ttl(P + "k1"));
        // On a cluster the template sums every primary's DBSIZE.
        show("dbsize", redis.dbsize());
        if (throwaway) {
            show("flushall", redis.flushall());
            show("dbsize after flushall", redis.dbsize());
        } else {
            log.info("Skipping FLUSHALL: this server was not started by the sample");
        }
    }

    private void strings() {
        redis.set(P + "k1", "v1", Duration.ofSeconds(10));
        redis.setex(P + "k2", 10, "v1");
        show("getset k1", redis.getset(P + "k1", "v11"));
        show("get k1", redis.get(P + "k1"));
        redis.setnx(P + "k3", "v3");
        show("get k3", redis.get(P + "k3"));
        redis.mset(Map.of(P + "k1", "v1", P + "k2", "v2"));
        show("mget k1 k2", redis.mget(P + "k1", P + "k2"));
        show("strlen k3", redis.strlen(P + "k3"));
        redis.del(P + "k1");
        show("get k1 after delete", redis.get(P + "k1"));
        redis.set(P + "k1", "v111");
        show("get k1 after overwrite", redis.get(P + "k1"));
    }

    private void counters() {
        redis.set(P + "num", "1");
        for (int i = 0; i < 5; i++) {
            redis.incr(P + "num");
        }
        show("num after 5 incr", redis.get(P + "num"));
        redis.set(P + "num", "1");
        show("incrby num 1000", redis.incrby(P + "num", 1000));
        redis.set(P + "num", "10");
        for (int i = 0; i < 5; i++) {
            redis.decr(P + "num");
        }
        show("num after 5 decr", redis.get(P + "num"));
        redis.set(P + "num", "10");
        show("decrby num 8", redis.decrby(P + "num", 8));
    }

    private void hashes() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("id", "1");
        data.put("user", "zhangsan");
        data.put("age", "18");
        redis.hset(P + "user1", data);
        show("hget user1 id", redis.hget(P + "user1", "id"));
        show("hmget user1 id user", redis.hmget(P + "user1", "id", "user"));
        show("hgetall user1", redis.hgetall(P + "user1"));
        show("hkeys user1", redis.hkeys(P + "user1"));
        show("hexists user1 id", redis.hexists(P + "user1", "id"));
        show("hincrby user1 age 10", redis.hincrby(P + "user1", "age", 10));
        show("hsetnx user1 addr", redis.hsetnx(P + "user1", "addr", "beijing"));
        show("hsetnx user1 addr again", redis.hsetnx(P + "user1", "addr", "shanghai"));
        // The tutorial's hash expiry: the whole hash expires, not single fields.
        redis.expire(P + "user1", Duration.ofSeconds(8));
        show("ttl user1", redis.ttl(P + "user1"));
    }

    private void lists() {
        redis.del(P + "l1", P + "l2", P + "l3");
        redis.lpush(P + "l1", "a", "b", "c", "d");
        redis.lpushx(P + "l1", "d");
        show("lpushx on missing l2", redis.lpushx(P + "l2", "w"));
        redis.linsert(P + "l1", io.respkit.commands.InsertPosition.BEFORE, "c", "x");
        redis.linsert(P + "l1", io.respkit.commands.InsertPosition.AFTER, "c", "z");
        redis.rpush(P + "l1", "2", "3");
        show("lrange l1", redis.lrange(P + "l1", 0, -1));
        show("lindex l1 1", redis.lindex(P + "l1", 1));
        show("llen l1", redis.llen(P + "l1"));
        show("lpop l1", redis.lpop(P + "l1"));
        show("rpop l1", redis.rpop(P + "l1"));
        redis.rpoplpush(P + "l1", P + "l2");
        redis.lpush(P + "l3", "a1", "a2", "a1", "a3", "a1", "a4", "a5");
        show("lrem l3 2 a1", redis.lrem(P + "l3", 2, "a1"));
        redis.ltrim(P + "l3", 2, 4);
        show("lrange l3 after ltrim", redis.lrange(P + "l3", 0, -1));
        redis.lset(P + "l3", 0, "w");
        show("lrange l3 after lset", redis.lrange(P + "l3", 0, -1));
    }

    private void sets() {
        redis.del(P + "s1", P + "s2");
        show("sadd s1", redis.sadd(P + "s1", "a", "b", "c", "1", "2", "3", "1"));
        show("scard s1", redis.scard(P + "s1"));
        show("sismember s1 a", redis.sismember(P + "s1", "a"));
        show("smove w", redis.smove(P + "s1", P + "s2", "w"));
        show("smove a", redis.smove(P + "s1", P + "s2", "a"));
        show("smembers s2", redis.smembers(P + "s2"));
    }

    private void sortedSets() {
        redis.del(P + "score");
        Map<String, Double> score = new LinkedHashMap<>();
        score.put("zhangsan", 108.0);
        score.put("likai", 99.0);
        score.put("wangkai", 100.0);
        score.put("zhaokai", 102.0);
        redis.zadd(P + "score", score);
        show("zrange score", redis.zrange(P + "score", 0, -1));
        show("zrange withscores", redis.zrangeWithScores(P + "score", 0, -1));
        show("zrank zhangsan", redis.zrank(P + "score", "zhangsan"));
        show("zrank w", redis.zrank(P + "score", "w"));
        show("zrangebyscore 100 200", redis.zrangeByScore(P + "score", 100, 200));
        show("zcount 100 200", redis.zcount(P + "score", 100, 200));
        show("zrevrangebyscore 120 100", redis.zrevrangeByScoreWithScores(P + "score", 120, 100));
        show("zincrby zhangsan 5", redis.zincrby(P + "score", 5, "zhangsan"));
        show("zremrangebyscore 90 100", redis.zremrangeByScore(P + "score", 90, 100));
        redis.del(P + "score");
    }

    private void show(String step, Object value) {
        log.info("{} -> {}", step, value);
        report.result(step, value);
    }
}
