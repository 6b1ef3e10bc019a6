package dev.moat.wiring;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real moat.war as the build made it, plus the test classes that run inside it. */
final class MoatDeployment {

    private MoatDeployment() {
    }

    static WebArchive withTestClasses(Class<?>... testClasses) {
        File war = new File(System.getProperty("moat.war", "target/moat.war"));
        return ShrinkWrap.create(ZipImporter.class, "moat.war")
                .importFrom(war)
                .as(WebArchive.class)
                // Arquillian reaches its tests over HTTP: let those requests in without a sign-in.
                .addClasses(OpenDoorForArquillian.class, RequiresConfiguredDatabase.class)
                .addClasses(testClasses);
    }
}
