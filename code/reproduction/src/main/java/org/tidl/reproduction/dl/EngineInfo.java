package org.tidl.reproduction.dl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The deep-learning engine a run trained on: ND4J backend, its threads, BLAS, the memory limits. Touches ND4J,
 * so it is called only after a study trained (ND4J is loaded by then); theory figures never load it.
 */
public final class EngineInfo {

    private EngineInfo() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        Environment env = Nd4j.getEnvironment();
        m.put("cpu", env.isCPU());
        m.put("max_threads", env.maxThreads());
        m.put("max_master_threads", env.maxMasterThreads());
        m.put("blas_version", env.blasMajorVersion() + "." + env.blasMinorVersion() + "." + env.blasPatchVersion());
        m.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        m.put("javacpp_maxbytes", System.getProperty("org.bytedeco.javacpp.maxbytes"));
        m.put("javacpp_maxphysicalbytes", System.getProperty("org.bytedeco.javacpp.maxphysicalbytes"));
        return m;
    }
}
