/*
 * releasekit's native SHA-2: a JNI shim over the system's OpenSSL libcrypto (1.1 or 3), loaded with dlopen so that
 * neither OpenSSL's headers nor its development package are needed to build it, and a machine without libcrypto
 * still loads the shim (NativeDigest then reports libcrypto missing and the JDK's digests are used).
 *
 * Only EVP calls that exist unchanged in OpenSSL 1.1 and 3 are used. Every function is called by one Java thread
 * at a time per context (NativeDigest is not thread-safe and says so). The Java side checks the buffer bounds
 * before calling; they are checked here again, so that a bug there is an error, not a read past the buffer.
 */
#include <dlfcn.h>
#include <jni.h>
#include <stddef.h>
#include <stdint.h>

#include "io_releasekit_core_artifact_internal_NativeDigest.h"

typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_md_st EVP_MD;
typedef struct engine_st ENGINE;

#define MAX_DIGEST_BYTES 64

static struct {
    EVP_MD_CTX *(*ctx_new)(void);
    void (*ctx_free)(EVP_MD_CTX *);
    const EVP_MD *(*digest_by_name)(const char *);
    int (*init)(EVP_MD_CTX *, const EVP_MD *, ENGINE *);
    int (*update)(EVP_MD_CTX *, const void *, size_t);
    int (*final)(EVP_MD_CTX *, unsigned char *, unsigned int *);
    const char *(*version)(int);
} crypto;

static jstring fail(JNIEnv *env, const char *why) {
    return (*env)->NewStringUTF(env, why);
}

/* Finds libcrypto and its functions. Answers null when ready, else why not. Called once (class initialisation). */
JNIEXPORT jstring JNICALL Java_io_releasekit_core_artifact_internal_NativeDigest_load0(JNIEnv *env, jclass cls) {
    static const char *const names[] = {"libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so", NULL};
    void *lib = NULL;
    const char *error = "libcrypto not found";
    for (int i = 0; names[i] != NULL && lib == NULL; i++) {
        lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (lib == NULL) {
            const char *e = dlerror();
            if (e != NULL) {
                error = e;
            }
        }
    }
    if (lib == NULL) {
        return fail(env, error);
    }
#define FIND(field, symbol)                                   \
    *(void **)(&crypto.field) = dlsym(lib, symbol);           \
    if (crypto.field == NULL) {                               \
        return fail(env, "libcrypto has no " symbol);         \
    }
    FIND(ctx_new, "EVP_MD_CTX_new")
    FIND(ctx_free, "EVP_MD_CTX_free")
    FIND(digest_by_name, "EVP_get_digestbyname")
    FIND(init, "EVP_DigestInit_ex")
    FIND(update, "EVP_DigestUpdate")
    FIND(final, "EVP_DigestFinal_ex")
    FIND(version, "OpenSSL_version")
#undef FIND
    return NULL;
}

/* OpenSSL's own version line, e.g. "OpenSSL 3.0.19 ...". */
JNIEXPORT jstring JNICALL Java_io_releasekit_core_artifact_internal_NativeDigest_version0(JNIEnv *env, jclass cls) {
    const char *v = crypto.version(0);
    return (*env)->NewStringUTF(env, v == NULL ? "unknown" : v);
}

/* A new context for the digest named (OpenSSL's name: SHA256, SHA512), or 0. */
JNIEXPORT jlong JNICALL Java_io_releasekit_core_artifact_internal_NativeDigest_start0(
        JNIEnv *env, jclass cls, jstring name) {
    const char *n = (*env)->GetStringUTFChars(env, name, NULL);
    if (n == NULL) {
        return 0;
    }
    const EVP_MD *md = crypto.digest_by_name(n);
    (*env)->ReleaseStringUTFChars(env, name, n);
    if (md == NULL) {
        return 0;
    }
    EVP_MD_CTX *ctx = crypto.ctx_new();
    if (ctx == NULL) {
        return 0;
    }
    if (crypto.init(ctx, md, NULL) != 1) {
        crypto.ctx_free(ctx);
        return 0;
    }
    return (jlong)(intptr_t)ctx;
}

/* Hashes len bytes of a direct buffer from off. False when the buffer is not direct, out of bounds, or OpenSSL fails. */
JNIEXPORT jboolean JNICALL Java_io_releasekit_core_artifact_internal_NativeDigest_update0(
        JNIEnv *env, jclass cls, jlong ctx, jobject buffer, jint off, jint len) {
    unsigned char *base = (*env)->GetDirectBufferAddress(env, buffer);
    jlong capacity = (*env)->GetDirectBufferCapacity(env, buffer);
    if (base == NULL || off < 0 || len < 0 || (jlong)off + (jlong)len > capacity) {
        return JNI_FALSE;
    }
    return crypto.update((EVP_MD_CTX *)(intptr_t)ctx, base + off, (size_t)len) == 1 ? JNI_TRUE : JNI_FALSE;
}

/* Writes the digest into out, frees the context, and answers the digest's length, or -1. */
JNIEXPORT jint JNICALL Java_io_releasekit_core_artifact_internal_NativeDigest_finish0(
        JNIEnv *env, jclass cls, jlong ctx, jbyteArray out) {
    unsigned char md[MAX_DIGEST_BYTES];
    unsigned int n = 0;
    EVP_MD_CTX *c = (EVP_MD_CTX *)(intptr_t)ctx;
    int ok = crypto.final(c, md, &n) == 1;
    crypto.ctx_free(c);
    if (!ok || n > MAX_DIGEST_BYTES || (jsize)n > (*env)->GetArrayLength(env, out)) {
        return -1;
    }
    (*env)->SetByteArrayRegion(env, out, 0, (jsize)n, (const jbyte *)md);
    return (jint)n;
}

/* Frees a context that will not be finished. */
JNIEXPORT void JNICALL Java_io_releasekit_core_artifact_internal_NativeDigest_free0(JNIEnv *env, jclass cls, jlong ctx) {
    crypto.ctx_free((EVP_MD_CTX *)(intptr_t)ctx);
}
