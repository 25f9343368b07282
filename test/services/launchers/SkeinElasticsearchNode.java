import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;

/**
 * Starts one Elasticsearch 7.17 node inside this JVM with the modules found on the classpath. Constructing the
 * Node directly skips the distribution's bootstrap (root check, bootstrap checks, security manager), which a test
 * server on loopback does not need. Arguments: home directory, HTTP port, transport port.
 */
public final class SkeinElasticsearchNode extends Node {
    private static final String[] MODULE_PLUGINS = {
        "org.elasticsearch.transport.Netty4Plugin",
        "org.elasticsearch.index.mapper.MapperExtrasPlugin",
        "org.elasticsearch.reindex.ReindexPlugin",
        "org.elasticsearch.join.ParentJoinPlugin",
        "org.elasticsearch.percolator.PercolatorPlugin",
        "org.elasticsearch.index.rankeval.RankEvalPlugin",
        "org.elasticsearch.script.mustache.MustachePlugin",
        "org.elasticsearch.search.aggregations.matrix.MatrixAggregationPlugin",
    };

    private SkeinElasticsearchNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(environment, plugins, true);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SkeinElasticsearchNode <home> <http-port> <transport-port>");
        }
        Path home = Paths.get(args[0]).toAbsolutePath();
        for (String dir : new String[] {"config", "data", "logs", "plugins", "modules"}) {
            Files.createDirectories(home.resolve(dir));
        }
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "skein-test")
            .put("node.name", "skein-es")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", args[1])
            .put("transport.port", args[2])
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), home.resolve("config"), () -> "skein-es");
        LogConfigurator.configure(environment);

        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : MODULE_PLUGINS) {
            try {
                plugins.add(Class.forName(name).asSubclass(Plugin.class));
            } catch (ClassNotFoundException e) {
                System.err.println("module not on the classpath, skipped: " + name);
            }
        }

        Node node = new SkeinElasticsearchNode(environment, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "skein-es-shutdown"));
        node.start();
        System.out.println("skein: elasticsearch node started on 127.0.0.1:" + args[1]);
        stopped.await();
    }
}
