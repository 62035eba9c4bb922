package io.hwnas.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerializerWarmUpTest {

    @Test
    void buildsKryoAsSessionsConfigureIt() throws Exception {
        CompletableFuture<Void> done = SerializerWarmUp.start(Sessions.withDefaults(new SparkConf(false)));
        done.get(120, TimeUnit.SECONDS); // hwnas's registrator ran, ND4J included, without an error
    }

    @Test
    void aRegistratorThatCannotLoadFailsTheWarmUpNotTheCaller() {
        SparkConf conf = Sessions.withDefaults(new SparkConf(false).set(Sessions.REGISTRATOR, "no.such.Registrator"));
        CompletableFuture<Void> done = SerializerWarmUp.start(conf);
        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(120, TimeUnit.SECONDS));
        assertInstanceOf(Exception.class, e.getCause());
    }

    @Test
    void nothingToDoForAnotherSerializer() {
        SparkConf conf = Sessions.withDefaults(new SparkConf(false).set(Sessions.SERIALIZER, JavaSerializer.class.getName()));
        assertTrue(SerializerWarmUp.start(conf).isDone());
    }
}
