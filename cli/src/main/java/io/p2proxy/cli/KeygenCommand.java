package io.p2proxy.cli;

import io.p2proxy.common.Identity;
import io.p2proxy.common.IdentityException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code p2proxy keygen [-o FILE]}: writes a new P-256 identity (mode 0600), prints its peer id. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Writes a new identity key (PKCS#8 PEM, mode 0600) and prints its peer id on stdout.",
            "The peer id is SHA-256 of the public key (DER SubjectPublicKeyInfo) in lower-case base32."})
final class KeygenCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the key (default: ${DEFAULT-VALUE})",
            defaultValue = "p2proxy.key")
    Path output;

    @Option(names = "--show", paramLabel = "FILE", description = "print the peer id of an existing key instead")
    Path show;

    @Override
    public Integer call() {
        if (show != null) {
            try {
                System.out.println(Identity.load(show).id());
                return Main.OK;
            } catch (IdentityException e) {
                throw new ExitException(Main.USAGE, e.getMessage());
            }
        }
        Identity identity = Identity.generate();
        try {
            identity.writeNew(output);
        } catch (FileAlreadyExistsException e) {
            throw new ExitException(Main.USAGE, output + ": already exists; refusing to overwrite an identity"
                    + " (expected: a new file name, or --show " + output + ")");
        } catch (IOException e) {
            throw new ExitException(Main.FAILURE, output + ": cannot write key: " + e.getMessage());
        }
        System.err.println("wrote " + output + " (mode 0600); peer id:");
        System.out.println(identity.id());
        return Main.OK;
    }
}
